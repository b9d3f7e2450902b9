package io.phonegate.gateway.delivery;

import io.phonegate.gateway.support.TestRedis;
import io.phonegate.testsupport.redis.RealRedis;
import io.phonegate.testsupport.redis.RealRedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The store of deliveries on a real redis-server: what is kept, under which key, for how long. */
@RealRedis
class RedisDeliveryStoreTest {

    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private TestRedis redis;
    private DeliveryStore store;

    @BeforeEach
    void connect() {
        redis = TestRedis.on(RealRedisExtension.server());
        store = new RedisDeliveryStore(redis.template());
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @Test
    void aDeliveryIsReadBackByItsChallengeOnly() {
        Delivery failed = new Delivery(FailureReason.CANNOT_RECEIVE_SMS, AT);

        store.put("AAAAAAAAAAAAAAAAAAAAAA", failed, Duration.ofMinutes(15));

        assertThat(store.get("AAAAAAAAAAAAAAAAAAAAAA")).contains(failed);
        assertThat(store.get("BBBBBBBBBBBBBBBBBBBBBB")).isEmpty();
    }

    @Test
    void aLaterReportOfTheSameChallengeReplacesTheEarlierOne() {
        store.put("CCCCCCCCCCCCCCCCCCCCCC", new Delivery(FailureReason.NOT_SENT, AT), Duration.ofMinutes(15));

        store.put("CCCCCCCCCCCCCCCCCCCCCC", new Delivery(null, AT.plusSeconds(1)), Duration.ofMinutes(15));

        assertThat(store.get("CCCCCCCCCCCCCCCCCCCCCC")).hasValueSatisfying(delivery -> {
            assertThat(delivery.sent()).isTrue();
            assertThat(delivery.recordedAt()).isEqualTo(AT.plusSeconds(1));
        });
    }

    @Test
    void everyReasonSurvivesTheTrip() {
        for (FailureReason reason : FailureReason.values()) {
            String id = ("R" + reason.ordinal()).repeat(11);
            store.put(id, new Delivery(reason, AT), Duration.ofMinutes(15));
            assertThat(store.get(id)).contains(new Delivery(reason, AT));
        }
    }

    @Test
    void oneSmallKeyPerChallengeNamedByItsIdExpiringWithTheReport() {
        store.put("EEEEEEEEEEEEEEEEEEEEEE", new Delivery(FailureReason.NOT_SENT_IN_TIME, AT), Duration.ofMinutes(15));

        String key = "phonegate:delivery:{EEEEEEEEEEEEEEEEEEEEEE}";
        assertThat(redis.template().opsForValue().get(key)).isEqualTo("failed:not_sent_in_time|" + AT.toEpochMilli());
        assertThat(redis.pttl(key)).isBetween(Duration.ofMinutes(14).toMillis(), Duration.ofMinutes(15).toMillis());
        assertThat(redis.memoryUsage(key)).as("136 bytes on Redis 7.0").isLessThan(160);
    }

    @Test
    void aDeliveryIsGoneOnceItsTimeIsUp() {
        store.put("DDDDDDDDDDDDDDDDDDDDDD", new Delivery(null, AT), Duration.ofMillis(50));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> store.get("DDDDDDDDDDDDDDDDDDDDDD").isEmpty());
        assertThat(redis.pttl("phonegate:delivery:{DDDDDDDDDDDDDDDDDDDDDD}")).isEqualTo(-2);
    }

    @Test
    void whatIsNotADeliveryReadsAsNone() {
        redis.template().opsForValue().set("phonegate:delivery:{FFFFFFFFFFFFFFFFFFFFFF}", "not a delivery");

        assertThat(store.get("FFFFFFFFFFFFFFFFFFFFFF")).isEmpty();
    }
}
