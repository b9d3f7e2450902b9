package io.phonegate.gateway.delivery;

import io.phonegate.gateway.support.TestRedis;
import io.phonegate.testsupport.redis.RealRedis;
import io.phonegate.testsupport.redis.RealRedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The same contract on a real redis-server, and what the key looks like there. */
@RealRedis
class RedisDeliveryStoreTest extends DeliveryStoreContract {

    private TestRedis redis;

    @BeforeEach
    void connect() {
        redis = TestRedis.on(RealRedisExtension.server());
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @Override
    DeliveryStore store() {
        return new RedisDeliveryStore(redis.template());
    }

    @Test
    void oneSmallKeyPerChallengeNamedByItsIdExpiringWithTheReport() {
        store().put("EEEEEEEEEEEEEEEEEEEEEE", new Delivery(FailureReason.NOT_SENT_IN_TIME, AT), Duration.ofMinutes(15));

        String key = "phonegate:delivery:{EEEEEEEEEEEEEEEEEEEEEE}";
        assertThat(redis.template().opsForValue().get(key)).isEqualTo("failed:not_sent_in_time|" + AT.toEpochMilli());
        assertThat(redis.pttl(key)).isBetween(Duration.ofMinutes(14).toMillis(), Duration.ofMinutes(15).toMillis());
        assertThat(redis.memoryUsage(key)).as("136 bytes on Redis 7.0").isLessThan(160);
    }

    @Test
    void whatIsNotADeliveryReadsAsNone() {
        redis.template().opsForValue().set("phonegate:delivery:{FFFFFFFFFFFFFFFFFFFFFF}", "not a delivery");

        assertThat(store().get("FFFFFFFFFFFFFFFFFFFFFF")).isEmpty();
    }
}
