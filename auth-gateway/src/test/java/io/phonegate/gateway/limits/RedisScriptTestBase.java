package io.phonegate.gateway.limits;

import io.phonegate.gateway.support.TestRedis;
import io.phonegate.testsupport.redis.RealRedis;
import io.phonegate.testsupport.redis.RealRedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A script alone on a real redis-server, with the time passed in and the keys looked at directly. */
@RealRedis
abstract class RedisScriptTestBase {

    static final Instant T0 = Instant.parse("2026-11-24T11:00:00Z");

    TestRedis redis;

    @BeforeEach
    void connect() {
        RealRedisExtension.server().flushAll();
        redis = TestRedis.on(RealRedisExtension.server());
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    /** The key expires in {@code expected}, less what has passed since the script ran. */
    void assertExpiresIn(String key, Duration expected) {
        assertThat(redis.pttl(key)).as("PTTL of " + key)
                .isLessThanOrEqualTo(expected.toMillis())
                .isGreaterThan(expected.toMillis() - 5_000);
    }
}
