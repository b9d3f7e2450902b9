package io.phonegate.dispatcher.ratelimit;

import io.phonegate.dispatcher.store.TestRedis;
import io.phonegate.testsupport.redis.RealRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pace.lua} alone on a real Redis, time passed in explicitly (microseconds). Intervals are
 * seconds long so the key's real-time expiry cannot run out while the test looks at it.
 */
@RealRedis
class PaceScriptTest {

    private static final long NOW = 1_800_000_000_000_000L;
    private static final long INTERVAL = 10_000_000;
    private static final String KEY = RedisSendPacing.KEY;
    private static TestRedis redis;
    private static StringRedisTemplate template;

    @BeforeAll
    static void connect() {
        redis = TestRedis.connect();
        template = redis.template();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @BeforeEach
    void clear() {
        template.delete(KEY);
    }

    @Test
    void firstSendGoesAtOnceAndTheKeyHoldsTheNextDueTimeUntilItPasses() {
        assertThat(pace(NOW, 0, Long.MAX_VALUE / 2)).isZero();

        assertThat(template.opsForValue().get(KEY)).isEqualTo(Long.toString(NOW + INTERVAL));
        assertThat(template.getExpire(KEY, TimeUnit.MILLISECONDS)).isBetween(INTERVAL / 1000 - 5_000, INTERVAL / 1000);
    }

    @Test
    void sendsAtTheSameMomentQueueOneIntervalApart() {
        assertThat(pace(NOW, 0, 60_000_000)).isZero();
        assertThat(pace(NOW, 0, 60_000_000)).isEqualTo(INTERVAL);
        assertThat(pace(NOW, 0, 60_000_000)).isEqualTo(2 * INTERVAL);

        assertThat(template.opsForValue().get(KEY)).isEqualTo(Long.toString(NOW + 3 * INTERVAL));
        assertThat(template.getExpire(KEY, TimeUnit.MILLISECONDS)).isBetween(3 * INTERVAL / 1000 - 5_000, 3 * INTERVAL / 1000);
    }

    @Test
    void aTurnThatWouldComeTooLateIsNotTakenAndCostsNothing() {
        pace(NOW, 0, 0);

        assertThat(pace(NOW, 0, INTERVAL - 1)).isEqualTo(-1);
        assertThat(template.opsForValue().get(KEY)).isEqualTo(Long.toString(NOW + INTERVAL));
        assertThat(pace(NOW, 0, INTERVAL)).isEqualTo(INTERVAL);
    }

    @Test
    void aDueTimeInThePastCountsAsNow() {
        pace(NOW, 0, 0);

        assertThat(pace(NOW + 5 * INTERVAL, 0, 0)).isZero();
        assertThat(template.opsForValue().get(KEY)).isEqualTo(Long.toString(NOW + 6 * INTERVAL));
    }

    @Test
    void toleranceLetsABurstGoAtOnceThenSpacesTheRest() {
        long tolerance = 2 * INTERVAL;
        assertThat(pace(NOW, tolerance, 60_000_000)).isZero();
        assertThat(pace(NOW, tolerance, 60_000_000)).isZero();
        assertThat(pace(NOW, tolerance, 60_000_000)).isZero();
        assertThat(pace(NOW, tolerance, 60_000_000)).isEqualTo(INTERVAL);
    }

    private long pace(long now, long tolerance, long longestWait) {
        return template.execute(RedisScript.of(new ClassPathResource("META-INF/scripts/pace.lua"), Long.class), List.of(KEY),
                Long.toString(now), Long.toString(INTERVAL), Long.toString(tolerance), Long.toString(longestWait));
    }
}
