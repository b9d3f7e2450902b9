package io.phonegate.reaper.schedule;

import io.phonegate.common.event.SignupCompleted;
import io.phonegate.common.event.SignupRequested;
import io.phonegate.common.event.SignupRequestedV2;
import io.phonegate.common.phone.PhoneNumber;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PendingSignupsTest {

    private static final Duration TTL = Duration.ofMinutes(60);
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final List<String> capacityEvents = new ArrayList<>();
    private final CapacityListener capacity = new CapacityListener() {
        @Override
        public void full() {
            capacityEvents.add("full");
        }

        @Override
        public void belowCapacity() {
            capacityEvents.add("below");
        }
    };

    @Test
    void signupIsDueAtRequestedAtPlusTtlNotAtArrival() throws Exception {
        PendingSignups pending = new PendingSignups(TTL, 10, capacity, CLOCK);
        Announcement request = request("+919876543210", "sub-1", NOW.minus(TTL).minusSeconds(1));
        pending.schedule(request, new CountingReceipt());

        PendingSignup due = pending.takeDue().orElseThrow();

        assertThat(due.request()).isEqualTo(request);
        assertThat(due.due()).isEqualTo(NOW.minusSeconds(1));
    }

    @Test
    void signupBeforeItsDeadlineIsNotHandedOut() {
        PendingSignups pending = new PendingSignups(TTL, 10, capacity, CLOCK);
        pending.schedule(request("+919876543210", "sub-1", NOW.minusSeconds(60)), new CountingReceipt());

        CompletableFuture<PendingSignup> taken = CompletableFuture.supplyAsync(() -> takeQuietly(pending));

        assertThatThrownBy(() -> taken.get(200, TimeUnit.MILLISECONDS))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        taken.cancel(true);
    }

    @Test
    void earliestDeadlineIsHandedOutFirst() throws Exception {
        PendingSignups pending = new PendingSignups(TTL, 10, capacity, CLOCK);
        pending.schedule(request("+919876543211", "late", NOW.minus(TTL).minusSeconds(1)), new CountingReceipt());
        pending.schedule(request("+919876543212", "early", NOW.minus(TTL).minusSeconds(9)), new CountingReceipt());

        assertThat(pending.takeDue().orElseThrow().request().sub()).isEqualTo("early");
        assertThat(pending.takeDue().orElseThrow().request().sub()).isEqualTo("late");
    }

    @Test
    void laterRequestForTheSameUserMovesTheDeadlineAndReleasesTheOlderRecord() throws Exception {
        PendingSignups pending = new PendingSignups(TTL, 10, capacity, CLOCK);
        CountingReceipt older = new CountingReceipt();
        pending.schedule(request("+919876543210", "sub-1", NOW.minus(TTL).minusSeconds(30)), older);
        Announcement newer = request("+919876543210", "sub-1", NOW.minus(TTL).minusSeconds(5));
        pending.schedule(newer, new CountingReceipt());

        assertThat(older.releases.get()).isEqualTo(1);
        assertThat(pending.size()).isEqualTo(1);
        assertThat(pending.takeDue().orElseThrow().due()).isEqualTo(NOW.minusSeconds(5));
    }

    @Test
    void olderRequestReadAfterANewerOneIsReleasedAndChangesNothing() throws Exception {
        PendingSignups pending = new PendingSignups(TTL, 10, capacity, CLOCK);
        Announcement newer = request("+919876543210", "sub-2", NOW.minus(TTL).minusSeconds(5));
        pending.schedule(newer, new CountingReceipt());
        CountingReceipt stale = new CountingReceipt();
        pending.schedule(request("+919876543210", "sub-1", NOW.minus(TTL).minusSeconds(30)), stale);

        assertThat(stale.releases.get()).isEqualTo(1);
        assertThat(pending.takeDue().orElseThrow().request()).isEqualTo(newer);
    }

    @Test
    void completionOfTheSameUserCancelsTheSignupAndReleasesItsRecord() {
        PendingSignups pending = new PendingSignups(TTL, 10, capacity, CLOCK);
        CountingReceipt receipt = new CountingReceipt();
        pending.schedule(request("+919876543210", "sub-1", NOW), receipt);

        assertThat(pending.cancel(completed("+919876543210", "sub-1"))).isTrue();
        assertThat(receipt.releases.get()).isEqualTo(1);
        assertThat(pending.size()).isZero();
    }

    @Test
    void completionOfAnotherUserWithTheSameNameCancelsNothing() {
        PendingSignups pending = new PendingSignups(TTL, 10, capacity, CLOCK);
        CountingReceipt receipt = new CountingReceipt();
        pending.schedule(request("+919876543210", "sub-1", NOW), receipt);

        assertThat(pending.cancel(completed("+919876543210", "sub-other"))).isFalse();
        assertThat(receipt.releases.get()).isZero();
        assertThat(pending.size()).isEqualTo(1);
    }

    @Test
    void completionCancelsAnAnnouncementWithoutSubOnlyWhenItIsNoOlderThanTheAnnouncement() {
        PendingSignups pending = new PendingSignups(TTL, 10, capacity, CLOCK);
        CountingReceipt receipt = new CountingReceipt();
        pending.schedule(announcement("+919876543210", NOW.minusSeconds(30)), receipt);

        assertThat(pending.cancel(completed("+919876543210", "sub-of-an-earlier-user", NOW.minusSeconds(31))))
                .as("a completion from before the announcement belongs to an earlier user of the name").isFalse();
        assertThat(pending.cancel(completed("+919876543210", "sub-1", NOW.minusSeconds(10)))).isTrue();
        assertThat(receipt.releases.get()).isEqualTo(1);
        assertThat(pending.size()).isZero();
    }

    @Test
    void completionReadBeforeItsAnnouncementMeansTheAnnouncementIsNotWaitedOn() {
        PendingSignups pending = new PendingSignups(TTL, 10, capacity, CLOCK);
        CountingReceipt receipt = new CountingReceipt();

        assertThat(pending.cancel(completed("+919876543210", "sub-1", NOW))).isFalse();
        assertThat(pending.schedule(announcement("+919876543210", NOW.minusSeconds(30)), receipt))
                .as("its completion was read first (both topics in one fetch)").isFalse();

        assertThat(receipt.releases.get()).as("its record may be committed at once").isEqualTo(1);
        assertThat(pending.size()).isZero();
        assertThat(pending.schedule(announcement("+919876543210", NOW.minusSeconds(5)), new CountingReceipt()))
                .as("a completion finishes one sign-up only").isTrue();
    }

    @Test
    void completionOfAnEarlierUserReadFirstDoesNotFinishALaterSignupOfTheName() {
        PendingSignups pending = new PendingSignups(TTL, 10, capacity, CLOCK);
        CountingReceipt receipt = new CountingReceipt();

        pending.cancel(completed("+919876543210", "sub-of-an-earlier-user", NOW.minusSeconds(31)));
        pending.cancel(completed("+919876543211", "sub-2", NOW));

        assertThat(pending.schedule(announcement("+919876543210", NOW.minusSeconds(30)), receipt)).isTrue();
        assertThat(pending.schedule(request("+919876543211", "sub-other", NOW.minusSeconds(30)), new CountingReceipt()))
                .as("another user's sub").isTrue();
        assertThat(receipt.releases.get()).isZero();
        assertThat(pending.size()).isEqualTo(2);
    }

    @Test
    void completionsReadFirstAreKeptUpToTheCapOldestDroppedFirst() {
        PendingSignups pending = new PendingSignups(TTL, 2, capacity, CLOCK);
        pending.cancel(completed("+919876543210", "sub-0", NOW));
        pending.cancel(completed("+919876543211", "sub-1", NOW));
        pending.cancel(completed("+919876543212", "sub-2", NOW));

        assertThat(pending.schedule(request("+919876543210", "sub-0", NOW.minusSeconds(30)), new CountingReceipt()))
                .as("the oldest was dropped: its sign-up is waited on, checked at its deadline").isTrue();
        assertThat(pending.schedule(request("+919876543212", "sub-2", NOW.minusSeconds(30)), new CountingReceipt()))
                .isFalse();
    }

    @Test
    void latestAnnouncementWinsWhateverItsVersion() throws Exception {
        PendingSignups pending = new PendingSignups(TTL, 10, capacity, CLOCK);
        CountingReceipt v1 = new CountingReceipt();
        pending.schedule(request("+919876543210", "sub-1", NOW.minus(TTL).minusSeconds(30)), v1);
        Announcement v2 = announcement("+919876543210", NOW.minus(TTL).minusSeconds(5));
        pending.schedule(v2, new CountingReceipt());

        assertThat(v1.releases.get()).isEqualTo(1);
        PendingSignup due = pending.takeDue().orElseThrow();
        assertThat(due.request()).isEqualTo(v2);
        assertThat(due.request().knownSub()).isEmpty();
    }

    @Test
    void listenerIsToldWhenTheCapIsReachedAndWhenTheCountDropsBelowIt() throws Exception {
        PendingSignups pending = new PendingSignups(TTL, 2, capacity, CLOCK);
        pending.schedule(request("+919876543211", "a", NOW.minus(TTL)), new CountingReceipt());
        assertThat(capacityEvents).isEmpty();
        pending.schedule(request("+919876543212", "b", NOW.minus(TTL)), new CountingReceipt());
        assertThat(capacityEvents).containsExactly("full");

        PendingSignup taken = pending.takeDue().orElseThrow();
        assertThat(capacityEvents).as("a sign-up being handled still holds memory").containsExactly("full");
        pending.finished(taken);

        assertThat(capacityEvents).containsExactly("full", "below");
    }

    @Test
    void readingResumesOnlyOnceTheCountIsATenthBelowTheCap() throws Exception {
        PendingSignups pending = new PendingSignups(TTL, 20, capacity, CLOCK);
        for (int i = 0; i < 20; i++) {
            pending.schedule(request("+9198765432" + (10 + i), "sub-" + i, NOW.minus(TTL)), new CountingReceipt());
        }
        assertThat(capacityEvents).containsExactly("full");

        pending.finished(pending.takeDue().orElseThrow());
        pending.finished(pending.takeDue().orElseThrow());
        assertThat(capacityEvents).as("18 of 20").containsExactly("full");
        pending.finished(pending.takeDue().orElseThrow());

        assertThat(capacityEvents).as("17 of 20").containsExactly("full", "below");
    }

    @Test
    void finishedSignupReleasesItsRecord() throws Exception {
        PendingSignups pending = new PendingSignups(TTL, 10, capacity, CLOCK);
        CountingReceipt receipt = new CountingReceipt();
        pending.schedule(request("+919876543210", "sub-1", NOW.minus(TTL)), receipt);

        PendingSignup taken = pending.takeDue().orElseThrow();
        assertThat(receipt.releases.get()).isZero();
        pending.finished(taken);

        assertThat(receipt.releases.get()).isEqualTo(1);
        assertThat(pending.size()).isZero();
    }

    @Test
    void signupThatCouldNotBeHandledWaitsAgainWithoutBeingReleased() throws Exception {
        PendingSignups pending = new PendingSignups(TTL, 10, capacity, CLOCK);
        CountingReceipt receipt = new CountingReceipt();
        pending.schedule(request("+919876543210", "sub-1", NOW.minus(TTL)), receipt);

        pending.retryAt(pending.takeDue().orElseThrow(), NOW.minusMillis(1));

        assertThat(receipt.releases.get()).isZero();
        assertThat(pending.size()).isEqualTo(1);
        assertThat(pending.takeDue().orElseThrow().due()).isEqualTo(NOW.minusMillis(1));
    }

    @Test
    void retryOfASignupSupersededWhileItWasHandledReleasesItInstead() throws Exception {
        PendingSignups pending = new PendingSignups(TTL, 10, capacity, CLOCK);
        CountingReceipt first = new CountingReceipt();
        pending.schedule(request("+919876543210", "sub-1", NOW.minus(TTL)), first);
        PendingSignup taken = pending.takeDue().orElseThrow();
        pending.schedule(request("+919876543210", "sub-1", NOW), new CountingReceipt());

        pending.retryAt(taken, NOW);

        assertThat(first.releases.get()).isEqualTo(1);
        assertThat(pending.size()).isEqualTo(1);
    }

    @Test
    void forgottenSignupsAreDroppedWithoutRelease() {
        PendingSignups pending = new PendingSignups(TTL, 10, capacity, CLOCK);
        CountingReceipt handedOver = new CountingReceipt();
        CountingReceipt kept = new CountingReceipt();
        pending.schedule(request("+919876543211", "a", NOW), handedOver);
        pending.schedule(request("+919876543212", "b", NOW), kept);

        assertThat(pending.forget(receipt -> receipt == handedOver)).hasSize(1);

        assertThat(pending.size()).isEqualTo(1);
        assertThat(handedOver.releases.get()).isZero();
    }

    @Test
    void afterStopHandingOutTakersGetNothingEvenWhenSomethingIsDue() throws Exception {
        PendingSignups pending = new PendingSignups(TTL, 10, capacity, CLOCK);
        pending.schedule(request("+919876543210", "sub-1", NOW.minus(TTL)), new CountingReceipt());

        pending.stopHandingOut();

        assertThat(pending.takeDue()).isEmpty();
    }

    private static PendingSignup takeQuietly(PendingSignups pending) {
        try {
            return pending.takeDue().orElseThrow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A v1 announcement, with the user's sub. */
    static Announcement request(String phone, String sub, Instant at) {
        return Announcement.of(new SignupRequested(UUID.randomUUID(), at, PhoneNumber.ofE164(phone), phone, sub));
    }

    /** A v2 announcement, made before the user exists. */
    static Announcement announcement(String phone, Instant at) {
        return Announcement.of(new SignupRequestedV2(UUID.randomUUID(), at, PhoneNumber.ofE164(phone), phone));
    }

    private static SignupCompleted completed(String phone, String sub) {
        return completed(phone, sub, NOW);
    }

    private static SignupCompleted completed(String phone, String sub, Instant at) {
        return new SignupCompleted(UUID.randomUUID(), at, PhoneNumber.ofE164(phone), phone, sub);
    }

    static final class CountingReceipt implements Receipt {
        final AtomicInteger releases = new AtomicInteger();

        @Override
        public void release() {
            releases.incrementAndGet();
        }
    }
}
