package io.phonegate.dispatcher.backstop;

import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.common.store.PhoneSubject;
import io.phonegate.dispatcher.store.TestRedis;
import io.phonegate.testsupport.redis.RealRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code backstop-cap.lua} alone on a real Redis, and the key and expiry {@link RedisNumberCap} gives it. */
@RealRedis
class BackstopCapScriptTest {

    private static TestRedis redis;
    private static StringRedisTemplate template;
    private final String key = "phonegate:backstop:{" + UUID.randomUUID() + "}:2026-11-30";

    @BeforeAll
    static void connect() {
        redis = TestRedis.connect();
        template = redis.template();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Test
    void countsUpToTheCapThenRefusesWithoutCounting() {
        assertThat(cap(2, 60_000)).containsExactly(1L, 1L);
        assertThat(cap(2, 60_000)).containsExactly(1L, 2L);
        assertThat(cap(2, 60_000)).containsExactly(0L, 2L);
        assertThat(template.opsForValue().get(key)).isEqualTo("2");
    }

    @Test
    void theFirstCountSetsTheExpiryAndLaterOnesLeaveIt() {
        cap(5, 60_000);
        cap(5, 3_600_000);

        assertThat(template.getExpire(key, TimeUnit.MILLISECONDS)).isBetween(55_000L, 60_000L);
    }

    @Test
    void theKeyNamesTheNumbersSubjectAndTheUtcDayAndLivesUntilTheDayEnds() {
        PhoneSubject subjects = PhoneSubject.withKey(new byte[32]);
        PhoneNumber phone = PhoneNumber.ofE164("+919876543210");
        Instant lateInTheDay = Instant.parse("2026-11-30T23:00:00Z");

        assertThat(new RedisNumberCap(template, redis.calls(), subjects, 50).count(phone, lateInTheDay)).isTrue();

        String expected = RedisNumberCap.key(subjects.of(phone), LocalDate.parse("2026-11-30"));
        assertThat(expected).startsWith("phonegate:backstop:{").endsWith("}:2026-11-30").doesNotContain("9876543210");
        assertThat(template.opsForValue().get(expected)).isEqualTo("1");
        assertThat(template.getExpire(expected, TimeUnit.MILLISECONDS)).isBetween(3_595_000L, 3_600_000L);
    }

    @SuppressWarnings("unchecked")
    private List<Long> cap(int cap, long ttl) {
        return template.execute(RedisScript.of(new ClassPathResource("META-INF/scripts/backstop-cap.lua"), List.class),
                List.of(key), Integer.toString(cap), Long.toString(ttl));
    }
}
