package io.phonegate.dispatcher.claim;

import io.phonegate.common.store.AdmissionTicket;
import io.phonegate.dispatcher.store.StoreUnavailableException;
import io.phonegate.dispatcher.store.TestRedis;
import io.phonegate.testsupport.redis.RealRedis;
import io.phonegate.testsupport.redis.RealRedisExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@RealRedis
class RedisSendClaimsTest extends SendClaimsContract {

    private static TestRedis redis;
    private static SendClaims claims;

    @BeforeAll
    static void connect() {
        redis = TestRedis.connect();
        claims = new RedisSendClaims(redis.template(), redis.calls(), LEASE, RETENTION, false, ANSWER_WINDOW);
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Override
    SendClaims claims() {
        return claims;
    }

    @Override
    void admitAt(AdmissionTicket ticket, Instant at) {
        redis.template().opsForZSet().add(ticket.startsKey(), ticket.slotId(), at.toEpochMilli());
    }

    @Override
    void markAnswered(AdmissionTicket ticket) {
        redis.template().opsForValue().set(ticket.answeredKey(), "1", Duration.ofMinutes(5));
    }

    @Override
    boolean stands(AdmissionTicket ticket) {
        return redis.template().opsForZSet().score(ticket.startsKey(), ticket.slotId()) != null;
    }

    @Override
    void withdraw(AdmissionTicket ticket) {
        redis.template().opsForZSet().remove(ticket.startsKey(), ticket.slotId());
    }

    @Test
    void theClaimLivesUntilTheCodeExpiresPlusTheRetention() {
        Instant now = Instant.now();
        Holder holder = new Holder("ttl" + UUID.randomUUID().toString().substring(0, 8), UUID.randomUUID(), "h");

        claims.claim(holder, now, now.plus(Duration.ofMinutes(3)));

        long ttl = redis.template().getExpire("phonegate:claim:{" + holder.challengeId() + "}", TimeUnit.MILLISECONDS);
        assertThat(ttl).isBetween(Duration.ofMinutes(63).toMillis() - 5_000, Duration.ofMinutes(63).toMillis());
    }

    @Test
    void aChallengeIdThatIsNotTheTriggersShapeIsHashedIntoTheKey() {
        String injected = "x}{".repeat(1000);

        assertThat(ClaimKeys.of(injected)).matches("phonegate:claim:\\{#[A-Za-z0-9_-]{22}}");
        assertThat(claims.claim(new Holder(injected, UUID.randomUUID(), "h"), Instant.now(), Instant.now()))
                .isInstanceOf(SendClaims.Claim.Send.class);
    }

    @Test
    void aStoreThatDoesNotAnswerIsAFailureCountedForTheDecisionNeverAnAnswer() {
        Holder holder = new Holder("down" + UUID.randomUUID().toString().substring(0, 8), UUID.randomUUID(), "h");
        RealRedisExtension.server().kill();
        try {
            assertThatThrownBy(() -> claims.claim(holder, Instant.now(), Instant.now().plusSeconds(60)))
                    .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("claim");
            assertThat(redis.meters().get("phonegate.store.failures").tags("decision", "claim", "policy", "pause")
                    .counter().count()).isGreaterThanOrEqualTo(1);
        } finally {
            RealRedisExtension.server().restart();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> claims.claim(holder, Instant.now(), Instant.now().plusSeconds(60)) instanceof SendClaims.Claim.Send);
    }
}
