package io.phonegate.dispatcher.ratelimit;

import io.phonegate.dispatcher.DispatcherProperties;
import io.phonegate.dispatcher.store.TestRedis;
import io.phonegate.testsupport.redis.RealRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@RealRedis
class RedisSendPacingTest extends SendPacingContract {

    private static TestRedis redis;

    @BeforeAll
    static void connect() {
        redis = TestRedis.connect();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @BeforeEach
    void clear() {
        redis.template().delete(RedisSendPacing.KEY);
    }

    @Override
    SendPacing pacing(DispatcherProperties.Pacing settings) {
        return new RedisSendPacing(redis.template(), redis.calls(), Gcra.of(settings));
    }

    @Test
    void twoInstancesShareOneRate() {
        SendPacing one = pacing(ONE_PER_TEN_SECONDS);
        SendPacing other = pacing(ONE_PER_TEN_SECONDS);
        Instant now = Instant.now();

        assertThat(one.reserve(now, Duration.ofMinutes(1))).contains(Duration.ZERO);
        assertThat(other.reserve(now, Duration.ofMinutes(1))).contains(Duration.ofSeconds(10));
        assertThat(one.reserve(now, Duration.ofMinutes(1))).contains(Duration.ofSeconds(20));
    }
}
