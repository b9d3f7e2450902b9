package io.phonegate.reaper.sweep;

import java.util.Optional;

import io.phonegate.common.phone.InvalidPhoneNumberException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.reaper.ReaperMetrics;
import io.phonegate.reaper.ReaperProperties;
import io.phonegate.reaper.cognito.CognitoUnavailableException;
import io.phonegate.reaper.cognito.DirectoryUser;
import io.phonegate.reaper.cognito.ExpectedUser;
import io.phonegate.reaper.cognito.Outcome;
import io.phonegate.reaper.cognito.UserDirectory;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The full scan's rules over a directory of pages: what it announces, how it pages, fails and stops. */
class PendingUserScanTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration TTL = Duration.ofHours(1);
    private static final Instant OLD = NOW.minus(TTL).minusSeconds(1);

    private final List<String> announced = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicBoolean leading = new AtomicBoolean(true);

    @Test
    void announcesOnlyPendingEnabledPhonegateUsersOlderThanTheTtl() {
        PagedDirectory directory = new PagedDirectory(Map.of(
                "start", new UserDirectory.Page(List.of(
                        user("+919876500001", OLD, true, false, false),
                        user("+919876500002", OLD, true, true, false),
                        user("+919876500003", OLD, true, false, true),
                        user("+919876500004", OLD, false, false, false),
                        user("+919876500005", NOW.minus(TTL).plusSeconds(1), true, false, false),
                        user("admin@example.com", OLD, true, false, false)), "page-2"),
                "page-2", new UserDirectory.Page(List.of(user("+919876500006", OLD, true, false, false)), null)));

        scan(directory).scan();

        assertThat(announced).as("pending and old enough; not verified, completed once, disabled, young or foreign")
                .containsExactly("+919876500001", "+919876500006");
        assertThat(directory.tokensAsked).containsExactly("start", "page-2");
        assertThat(registry.get("phonegate.reaper.scan.announced").counter().count()).isEqualTo(2);
        assertThat(registry.get("phonegate.reaper.scan").timer().count()).isEqualTo(1);
    }

    @Test
    void pageCognitoCouldNotAnswerIsTriedAgainFromTheSameTokenNotFromTheStart() {
        PagedDirectory directory = new PagedDirectory(Map.of(
                "start", new UserDirectory.Page(List.of(user("+919876500001", OLD, true, false, false)), "page-2"),
                "page-2", new UserDirectory.Page(List.of(user("+919876500002", OLD, true, false, false)), null)));
        directory.failures.put("page-2", 2);

        scan(directory).scan();

        assertThat(directory.tokensAsked).containsExactly("start", "page-2", "page-2", "page-2");
        assertThat(announced).containsExactly("+919876500001", "+919876500002");
    }

    @Test
    void tokenCognitoNoLongerAcceptsEndsThePassForTheNextToStartOver() {
        PagedDirectory directory = new PagedDirectory(Map.of(
                "start", new UserDirectory.Page(List.of(), "expired")));

        scan(directory).scan();

        assertThat(directory.tokensAsked).containsExactly("start", "expired");
        assertThat(registry.get("phonegate.reaper.scan").timer().count()).as("not a complete pass").isZero();
    }

    @Test
    void instanceThatStopsOwningPartitionZeroStopsScanning() {
        PagedDirectory directory = new PagedDirectory(Map.of(
                "start", new UserDirectory.Page(List.of(), "page-2"),
                "page-2", new UserDirectory.Page(List.of(), null)));
        directory.onAsk = token -> leading.set(false);

        scan(directory).scan();

        assertThat(directory.tokensAsked).containsExactly("start");
    }

    @Test
    void instanceThatDoesNotOwnPartitionZeroDoesNotScan() {
        leading.set(false);
        PagedDirectory directory = new PagedDirectory(Map.of("start", new UserDirectory.Page(List.of(), null)));

        scan(directory).scan();

        assertThat(directory.tokensAsked).isEmpty();
    }

    @Test
    void announcementTheBrokerDidNotTakeRetriesThePage() {
        PagedDirectory directory = new PagedDirectory(Map.of(
                "start", new UserDirectory.Page(List.of(user("+919876500001", OLD, true, false, false)), null)));
        AtomicInteger attempts = new AtomicInteger();
        PendingUserScan scan = new PendingUserScan(directory, (phone, username) -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("the broker did not take the announcement");
            }
            announced.add(username);
        }, leading::get, new ReaperMetrics(registry), properties(), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ZERO);

        scan.scan();

        assertThat(directory.tokensAsked).containsExactly("start", "start");
        assertThat(announced).containsExactly("+919876500001");
    }

    private PendingUserScan scan(UserDirectory directory) {
        return new PendingUserScan(directory, (PhoneNumber phone, String username) -> announced.add(username),
                leading::get, new ReaperMetrics(registry), properties(), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ZERO);
    }

    private static ReaperProperties properties() {
        return new ReaperProperties(TTL, Duration.ofMinutes(1), Duration.ofMinutes(15), Duration.ofHours(24), 10_000,
                10, 100_000, false, Duration.ofSeconds(30));
    }

    private static DirectoryUser user(String username, Instant created, boolean enabled, boolean verified,
                                      boolean everCompleted) {
        return new DirectoryUser(username, "sub-" + username, username.startsWith("+") ? username : null, created,
                DirectoryUser.CONFIRMED, enabled, verified, everCompleted);
    }

    /** Pages by token ({@code null} asks for "start"), with failures to play back. */
    private static final class PagedDirectory implements UserDirectory {
        final Map<String, Page> pages;
        final Map<String, Integer> failures = new HashMap<>();
        final List<String> tokensAsked = new ArrayList<>();
        Consumer<String> onAsk = token -> { };

        PagedDirectory(Map<String, Page> pages) {
            this.pages = pages;
        }

        @Override
        public Page confirmedUsers(String paginationToken) {
            String token = paginationToken == null ? "start" : paginationToken;
            tokensAsked.add(token);
            onAsk.accept(token);
            if (failures.merge(token, -1, Integer::sum) >= 0) {
                throw new CognitoUnavailableException("ListUsers still failing", null);
            }
            Page page = pages.get(token);
            if (page == null) {
                throw InvalidParameterException.builder().message("Invalid pagination token.").build();
            }
            return page;
        }

        @Override
        public Outcome deleteIfStillPending(String username, ExpectedUser expected, boolean dryRun) {
            throw new AssertionError("the scan deletes nobody");
        }

        @Override
        public void forEachUnconfirmedUser(Instant createdBefore, Consumer<DirectoryUser> action) {
            throw new AssertionError("not the scan's");
        }

        @Override
        public Optional<PhoneNumber> signInNumber(DirectoryUser user) {
            try {
                return Optional.of(PhoneNumber.ofE164(user.username()));
            } catch (InvalidPhoneNumberException e) {
                return Optional.empty();
            }
        }
    }
}
