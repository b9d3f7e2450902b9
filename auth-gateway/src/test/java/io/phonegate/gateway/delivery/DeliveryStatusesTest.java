package io.phonegate.gateway.delivery;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.phonegate.common.event.DeliveryOutcome;
import io.phonegate.common.event.OtpDeliveryReported;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.gateway.limits.StoreUnavailableException;
import io.phonegate.gateway.limits.TestStoreCalls;
import io.phonegate.gateway.support.TestRedis;
import io.phonegate.testsupport.MutableClock;
import io.phonegate.testsupport.redis.RealRedis;
import io.phonegate.testsupport.redis.RealRedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The status rules, on the store the gateway wires (a real redis-server); the clock that decides queued, sent
 * and expired is the test's.
 */
@RealRedis
class DeliveryStatusesTest {

    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    private static final PhoneNumber PHONE = PhoneNumber.ofE164("+919876543210");

    private final MutableClock clock = new MutableClock(START);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestRedis redis = TestRedis.on(RealRedisExtension.server());
    private final DeliveryStore store = new RedisDeliveryStore(redis.template());
    private final DeliveryStatuses statuses = statuses(store, Duration.ofSeconds(2));
    /** Each test's own challenge: the server is shared by the JVM's tests. */
    private final String id = DeliveryStatuses.randomChallengeId();

    @AfterEach
    void disconnect() {
        redis.close();
    }

    private DeliveryStatuses statuses(DeliveryStore deliveries, Duration assumedSendTime) {
        return new DeliveryStatuses(deliveries, TestStoreCalls.create(meters, Duration.ZERO),
                new DeliveryStatusSettings(Duration.ofMinutes(15), assumedSendTime, 50, Duration.ofSeconds(1)), meters, clock);
    }

    @Test
    void aTextedChallengeIsQueuedUntilItsReportThenSent() {
        Tracking tracking = statuses.texted(id, START, START.plusSeconds(180));
        assertThat(statuses.statusOf(tracking).status()).isEqualTo(ChallengeStatus.QUEUED);

        clock.advance(Duration.ofMillis(700));
        assertThat(statuses.record(report(id, DeliveryOutcome.SENT, null))).isTrue();

        assertThat(statuses.statusOf(tracking)).isEqualTo(new DeliveryStatuses.Status(ChallengeStatus.SENT, null));
        assertThat(meters.counter("phonegate.auth.delivery.reports", "outcome", "sent").count()).isEqualTo(1);
    }

    @Test
    void eachOutcomeThatWillNotArriveFailsWithAReasonAPersonCanActOn() {
        assertFailsWith(DeliveryOutcome.FAILED, "SNS refused the SMS: InvalidParameter", FailureReason.CANNOT_RECEIVE_SMS);
        assertFailsWith(DeliveryOutcome.FAILED, "backstop: codes to KP numbers are not allowed", FailureReason.CANNOT_RECEIVE_SMS);
        assertFailsWith(DeliveryOutcome.FAILED, "backstop: the number is not a valid mobile number", FailureReason.CANNOT_RECEIVE_SMS);
        assertFailsWith(DeliveryOutcome.FAILED, "SNS refused the SMS: AuthorizationError", FailureReason.NOT_SENT);
        assertFailsWith(DeliveryOutcome.FAILED, "withdrawn: the gateway no longer stands by this start", FailureReason.NOT_SENT);
        assertFailsWith(DeliveryOutcome.EXPIRED, "the code expired while retrying after 4 attempts", FailureReason.NOT_SENT_IN_TIME);
        assertFailsWith(DeliveryOutcome.RATE_LIMITED, "backstop: the number already had 50 codes today (UTC)",
                FailureReason.TOO_MANY_CODES);
    }

    private void assertFailsWith(DeliveryOutcome outcome, String reason, FailureReason expected) {
        String id = DeliveryStatuses.randomChallengeId();
        statuses.record(report(id, outcome, reason));

        assertThat(statuses.statusOf(statuses.texted(id, START, START.plusSeconds(180))))
                .as(reason).isEqualTo(new DeliveryStatuses.Status(ChallengeStatus.FAILED, expected));
    }

    @Test
    void aDuplicateReportChangesNothing() {
        statuses.record(report(id, DeliveryOutcome.SENT, null));

        assertThat(statuses.record(report(id, DeliveryOutcome.DUPLICATE, "another request"))).isFalse();

        assertThat(statuses.statusOf(statuses.texted(id, START, START.plusSeconds(180))).status())
                .isEqualTo(ChallengeStatus.SENT);
    }

    @Test
    void reportsOlderThanTheRetentionOrNamingNoChallengeAreNotKept() {
        OtpDeliveryReported old = new OtpDeliveryReported(UUID.randomUUID(), START.minus(Duration.ofMinutes(16)),
                UUID.randomUUID(), PHONE, "OldOldOldOldOldOldOld0", DeliveryOutcome.SENT, 1, "m-1", null);

        assertThat(statuses.record(old)).isFalse();
        assertThat(statuses.record(report("not an id", DeliveryOutcome.SENT, null))).isFalse();
        assertThat(store.get("OldOldOldOldOldOldOld0")).isEmpty();
    }

    @Test
    void onceTheCodeNoLongerWorksTheChallengeHasExpiredWhateverTheText() {
        Tracking tracking = statuses.texted(id, START, START.plusSeconds(180));
        statuses.record(report(id, DeliveryOutcome.SENT, null));

        clock.advance(Duration.ofSeconds(180));

        assertThat(statuses.statusOf(tracking).status()).isEqualTo(ChallengeStatus.EXPIRED);
    }

    @Test
    void anUntextedChallengeTurnsSentAfterATimeDrawnFromRealSends() {
        Set<Duration> realTimes = new HashSet<>();
        for (int i = 1; i <= 5; i++) {
            String id = DeliveryStatuses.randomChallengeId();
            Tracking real = statuses.texted(id, clock.instant(), clock.instant().plusSeconds(180));
            Duration took = Duration.ofMillis(300L * i);
            clock.advance(took);
            statuses.record(report(id, DeliveryOutcome.SENT, null));
            assertThat(statuses.statusOf(real).status()).isEqualTo(ChallengeStatus.SENT);
            realTimes.add(took);
        }

        for (int i = 0; i < 20; i++) {
            Instant now = clock.instant();
            Tracking untexted = statuses.untexted(null, now, now.plusSeconds(180));
            Duration drawn = Duration.between(now, untexted.simulatedSentAt());
            assertThat(realTimes).contains(drawn);
            assertThat(statuses.statusOf(untexted).status()).isEqualTo(ChallengeStatus.QUEUED);
            clock.advance(drawn);
            assertThat(statuses.statusOf(untexted).status()).isEqualTo(ChallengeStatus.SENT);
        }
    }

    @Test
    void beforeAnyRealSendAnUntextedChallengeTakesAboutTheAssumedTime() {
        for (int i = 0; i < 50; i++) {
            Tracking untexted = statuses.untexted("TestNumberChallenge0001", START, START.plusSeconds(180));
            assertThat(untexted.challengeId()).isEqualTo("TestNumberChallenge0001");
            assertThat(Duration.between(START, untexted.simulatedSentAt())).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
        }
        assertThat(statuses.untexted(null, START, START.plusSeconds(180)).challengeId()).matches("[A-Za-z0-9_-]{22}");
    }

    @Test
    void everyChallengeAsksTheStoreAndFailsClosedAlikeWhenItCannotAnswer() {
        DeliveryStore down = new DeliveryStore() {
            @Override
            public void put(String challengeId, Delivery delivery, Duration keepFor) {
                throw new RedisConnectionFailureException("down");
            }

            @Override
            public Optional<Delivery> get(String challengeId) {
                throw new RedisConnectionFailureException("down");
            }
        };
        DeliveryStatuses withoutStore = statuses(down, Duration.ofSeconds(1));

        assertThatThrownBy(() -> withoutStore.statusOf(withoutStore.texted(id, START, START.plusSeconds(9))))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> withoutStore.statusOf(withoutStore.untexted(null, START, START.plusSeconds(9))))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> withoutStore.record(report(id, DeliveryOutcome.SENT, null)))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(meters.counter("phonegate.store.failures", "decision", "delivery_status_read", "policy", "fail_closed")
                .count()).isEqualTo(2);
        assertThat(meters.counter("phonegate.store.failures", "decision", "delivery_status_write", "policy", "pause")
                .count()).isEqualTo(1);
        assertThat(meters.counter("phonegate.auth.delivery.reports", "outcome", "sent").count())
                .as("a report is counted once it is kept").isZero();
    }

    private OtpDeliveryReported report(String challengeId, DeliveryOutcome outcome, String reason) {
        return new OtpDeliveryReported(UUID.randomUUID(), clock.instant(), UUID.randomUUID(), PHONE, challengeId,
                outcome, outcome == DeliveryOutcome.SENT ? 1 : 0, outcome == DeliveryOutcome.SENT ? "m-1" : null, reason);
    }
}
