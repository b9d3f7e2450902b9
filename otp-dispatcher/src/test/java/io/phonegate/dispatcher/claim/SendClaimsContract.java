package io.phonegate.dispatcher.claim;

import io.phonegate.common.event.DeliveryOutcome;
import io.phonegate.common.store.AdmissionTicket;
import io.phonegate.dispatcher.claim.SendClaims.Claim;
import io.phonegate.dispatcher.claim.SendClaims.Renewal;
import io.phonegate.dispatcher.claim.SendClaims.Settlement;
import io.phonegate.dispatcher.report.DeliveryReports.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link SendClaims} promises, run against each implementation: the memory one the
 * pipeline's unit tests use and the Redis one that runs.
 */
abstract class SendClaimsContract {

    static final Duration LEASE = Duration.ofSeconds(15);
    static final Duration RETENTION = Duration.ofHours(1);
    static final Duration ANSWER_WINDOW = Duration.ofSeconds(15);
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(3));

    private final String challenge = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 21);
    private final UUID event = UUID.randomUUID();

    abstract SendClaims claims();

    /** The gateway admits a start and answers it {@code 202} (in Redis: its slot in the number's starts, its mark). */
    void admit(AdmissionTicket ticket) {
        admitAt(ticket, NOW);
        markAnswered(ticket);
    }

    /** The gateway admits a start at {@code at}; its {@code 202} has not left yet. */
    abstract void admitAt(AdmissionTicket ticket, Instant at);

    /** The start's {@code 202} has left for the client. */
    abstract void markAnswered(AdmissionTicket ticket);

    /** Whether the gateway's admission of the start still counts against the number. */
    abstract boolean stands(AdmissionTicket ticket);

    /** The gateway gives the start up (in Redis: removes its slot). */
    abstract void withdraw(AdmissionTicket ticket);

    @Test
    void freshRequestIsClaimedToSend() {
        assertThat(claims().claim(holder(event), NOW, EXPIRES)).isEqualTo(new Claim.Send(0, false));
    }

    @Test
    void redeliveryWhileTheFirstDeliveryIsAliveWaitsForItsLease() {
        claims().claim(holder(event), NOW, EXPIRES);

        assertThat(claims().claim(holder(event), NOW.plusSeconds(1), EXPIRES)).isEqualTo(new Claim.Busy(NOW.plus(LEASE)));
    }

    @Test
    void redeliveryAfterTheHolderStoppedRenewingTakesOverWithTheAttemptsMade() {
        Holder first = holder(event);
        claims().claim(first, NOW, EXPIRES);
        claims().renew(first, NOW.plusSeconds(1));

        Claim takeover = claims().claim(holder(event), NOW.plusSeconds(1).plus(LEASE), EXPIRES);

        assertThat(takeover).isEqualTo(new Claim.Send(1, true));
    }

    @Test
    void renewingKeepsTheClaimAliveAgainstARedelivery() {
        Holder first = holder(event);
        claims().claim(first, NOW, EXPIRES);
        assertThat(claims().renew(first, NOW.plusSeconds(10))).isEqualTo(new Renewal.Go(1));

        assertThat(claims().claim(holder(event), NOW.plus(LEASE), EXPIRES)).isEqualTo(new Claim.Busy(NOW.plusSeconds(10).plus(LEASE)));
    }

    @Test
    void redeliveryAfterSentButNotReportedPublishesTheEarlierOutcome() {
        Holder first = holder(event);
        claims().claim(first, NOW, EXPIRES);
        claims().renew(first, NOW);
        Outcome sent = Outcome.sent(1, "m-1");
        assertThat(claims().settle(first, sent)).isEqualTo(new Settlement.Publish(sent));

        assertThat(claims().claim(holder(event), NOW.plus(LEASE), EXPIRES)).isEqualTo(new Claim.Settled(sent));
    }

    @Test
    void redeliveryOfAReportedRequestPublishesNothing() {
        Holder first = holder(event);
        claims().claim(first, NOW, EXPIRES);
        claims().settle(first, Outcome.sent(1, "m-1"));
        claims().reported(first);

        assertThat(claims().claim(holder(event), NOW.plusSeconds(1), EXPIRES)).isEqualTo(new Claim.Reported());
        assertThat(claims().claim(holder(event), NOW.plus(LEASE).plus(LEASE), EXPIRES)).isEqualTo(new Claim.Reported());
    }

    @Test
    void anotherEventForTheSameChallengeIsADuplicateReportedOnce() {
        claims().claim(holder(event), NOW, EXPIRES);
        Holder republished = holder(UUID.randomUUID());

        assertThat(claims().claim(republished, NOW, EXPIRES)).isEqualTo(new Claim.Duplicate(false));
        claims().reported(republished);
        assertThat(claims().claim(holder(republished.eventId()), NOW.plusSeconds(1), EXPIRES)).isEqualTo(new Claim.Reported());
    }

    @Test
    void aDuplicateWhoseHolderStoppedIsTakenOverAndSaysSo() {
        claims().claim(holder(event), NOW, EXPIRES);
        UUID republished = UUID.randomUUID();
        claims().claim(holder(republished), NOW, EXPIRES);

        assertThat(claims().claim(holder(republished), NOW.plus(LEASE), EXPIRES)).isEqualTo(new Claim.Duplicate(true));
    }

    @Test
    void aDuplicateNeverSendsNorSettlesTheChallengesOutcome() {
        Holder owner = holder(event);
        claims().claim(owner, NOW, EXPIRES);
        Holder republished = holder(UUID.randomUUID());
        claims().claim(republished, NOW, EXPIRES);

        assertThat(claims().renew(republished, NOW)).isEqualTo(new Renewal.Lost());
        assertThat(claims().settle(republished, Outcome.sent(1, "m"))).isEqualTo(new Settlement.Lost());
        assertThat(claims().renew(owner, NOW)).isEqualTo(new Renewal.Go(1));
    }

    @Test
    void aHolderThatWasTakenOverLearnsItBeforeItsNextSend() {
        Holder first = holder(event);
        claims().claim(first, NOW, EXPIRES);
        Holder second = holder(event);
        claims().claim(second, NOW.plus(LEASE), EXPIRES);

        assertThat(claims().renew(first, NOW.plus(LEASE).plusSeconds(1))).isEqualTo(new Renewal.Lost());
        assertThat(claims().renew(second, NOW.plus(LEASE).plusSeconds(1))).isEqualTo(new Renewal.Go(1));
    }

    @Test
    void theFirstSettledOutcomeWinsEvenFromAHolderThatLostItsLease() {
        Holder first = holder(event);
        claims().claim(first, NOW, EXPIRES);
        claims().renew(first, NOW);
        Holder second = holder(event);
        claims().claim(second, NOW.plus(LEASE), EXPIRES);
        Outcome sentByFirst = Outcome.sent(1, "m-first");

        assertThat(claims().settle(first, sentByFirst)).isEqualTo(new Settlement.Lost());
        assertThat(claims().renew(second, NOW.plus(LEASE))).isEqualTo(new Renewal.Settled(sentByFirst));
        assertThat(claims().settle(second, Outcome.notSent(DeliveryOutcome.EXPIRED, 1, "late")))
                .isEqualTo(new Settlement.Publish(sentByFirst));
    }

    @Test
    void repeatingACallWithTheSameHolderAnswersAsTheFirstDid() {
        Holder first = holder(event);
        assertThat(claims().claim(first, NOW, EXPIRES)).isEqualTo(new Claim.Send(0, false));
        assertThat(claims().claim(first, NOW, EXPIRES)).isEqualTo(new Claim.Send(0, false));
        Outcome failed = Outcome.notSent(DeliveryOutcome.FAILED, 1, "SNS refused the SMS: InvalidParameter");

        assertThat(claims().settle(first, failed)).isEqualTo(new Settlement.Publish(failed));
        assertThat(claims().settle(first, failed)).isEqualTo(new Settlement.Publish(failed));
    }

    @Test
    void anOutcomeKeepsItsWordsAndEmptyFields() {
        Holder first = holder(event);
        claims().claim(first, NOW, EXPIRES);
        Outcome withNewlines = Outcome.notSent(DeliveryOutcome.FAILED, 3, "line one\nline two");

        assertThat(claims().settle(first, withNewlines)).isEqualTo(new Settlement.Publish(withNewlines));
    }

    @Test
    void anAdmittedRequestIsSentAndOneWhoseAdmissionIsGoneIsWithdrawnButHeld() {
        AdmissionTicket ticket = ticket();
        admit(ticket);
        assertThat(claims().claim(admitted(event, ticket), NOW, EXPIRES)).isEqualTo(new Claim.Send(0, false));

        AdmissionTicket gone = ticket();
        admit(gone);
        withdraw(gone);
        Holder ofAnotherChallenge = new Holder("w" + challenge.substring(1), UUID.randomUUID(), "holder", gone);
        Claim claim = claims().claim(ofAnotherChallenge, NOW, EXPIRES);
        assertThat(claim).isInstanceOf(Claim.Withdrawn.class);
        assertThat(((Claim.Withdrawn) claim).reason()).startsWith("withdrawn:");
    }

    @Test
    void aWithdrawnRequestIsReportedThroughItsClaimLikeAnyOther() {
        AdmissionTicket gone = ticket();
        Holder holder = admitted(event, gone);
        assertThat(claims().claim(holder, NOW, EXPIRES)).isInstanceOf(Claim.Withdrawn.class);
        Outcome failed = Outcome.notSent(DeliveryOutcome.FAILED, 0, "withdrawn: test");

        assertThat(claims().settle(holder, failed)).isEqualTo(new Settlement.Publish(failed));
        claims().reported(holder);
        assertThat(claims().claim(admitted(event, gone), NOW.plusSeconds(1), EXPIRES)).isEqualTo(new Claim.Reported());
    }

    @Test
    void anAdmittedStartWhose202HasNotLeftWaitsForItsMarkHeldThenIsSent() {
        AdmissionTicket ticket = ticket();
        admitAt(ticket, NOW);
        Holder holder = admitted(event, ticket);

        assertThat(claims().claim(holder, NOW.plusMillis(5), EXPIRES)).isEqualTo(new Claim.Unanswered(NOW.plus(ANSWER_WINDOW)));
        Holder another = admitted(event, ticket);
        assertThat(claims().claim(another, NOW.plusMillis(10), EXPIRES)).isInstanceOf(Claim.Busy.class);
        markAnswered(ticket);
        assertThat(claims().claim(holder, NOW.plusMillis(300), EXPIRES)).isEqualTo(new Claim.Send(0, false));
    }

    @Test
    void aStartNeverMarkedAnsweredIsWithdrawnAfterTheWindowAndItsSlotGivenBack() {
        AdmissionTicket ticket = ticket();
        admitAt(ticket, NOW);
        Holder holder = admitted(event, ticket);
        assertThat(claims().claim(holder, NOW.plus(ANSWER_WINDOW).minusMillis(1), EXPIRES)).isInstanceOf(Claim.Unanswered.class);

        Claim claim = claims().claim(holder, NOW.plus(ANSWER_WINDOW), EXPIRES);

        assertThat(claim).isInstanceOf(Claim.Withdrawn.class);
        assertThat(((Claim.Withdrawn) claim).reason()).startsWith("withdrawn:").contains("answered");
        assertThat(stands(ticket)).as("the client may ask again at once").isFalse();
    }

    @Test
    void aMarkMattersOnlyBeforeTheFirstSnsAttempt() {
        AdmissionTicket ticket = ticket();
        admitAt(ticket, NOW);
        markAnswered(ticket);
        Holder first = admitted(event, ticket);
        assertThat(claims().claim(first, NOW, EXPIRES)).isEqualTo(new Claim.Send(0, false));
        assertThat(claims().renew(first, NOW)).isEqualTo(new Renewal.Go(1));

        // A redelivery after a crash past the window: SNS may have it, so the claim does not withdraw it.
        Claim afterCrash = claims().claim(admitted(event, ticket), NOW.plus(LEASE).plus(ANSWER_WINDOW), EXPIRES);

        assertThat(afterCrash).isEqualTo(new Claim.Send(1, true));
        assertThat(stands(ticket)).isTrue();
    }

    private AdmissionTicket ticket() {
        return new AdmissionTicket(UUID.randomUUID().toString().replace("-", "").substring(0, 22),
                UUID.randomUUID().toString().substring(0, 8));
    }

    private Holder admitted(UUID eventId, AdmissionTicket ticket) {
        return new Holder(challenge, eventId, UUID.randomUUID().toString().substring(0, 16), ticket);
    }

    private Holder holder(UUID eventId) {
        return new Holder(challenge, eventId, UUID.randomUUID().toString().substring(0, 16));
    }
}
