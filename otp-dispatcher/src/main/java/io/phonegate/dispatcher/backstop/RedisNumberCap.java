package io.phonegate.dispatcher.backstop;

import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.common.store.PhoneSubject;
import io.phonegate.dispatcher.store.LuaScripts;
import io.phonegate.dispatcher.store.StoreCalls;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@link NumberCap} in Redis: one counter per number and UTC day,
 * {@code phonegate:backstop:{<phone subject>}:<yyyy-mm-dd>}, expiring when its day ends
 * ({@code META-INF/scripts/backstop-cap.lua}). The number itself is never in a key: its subject is
 * a keyed hash ({@link PhoneSubject}).
 */
public final class RedisNumberCap implements NumberCap {

    private static final RedisScript<List> CAP = LuaScripts.load("backstop-cap", List.class);

    private final StringRedisTemplate redis;
    private final PhoneSubject subjects;
    private final int cap;
    private final StoreCalls.Decision calls;

    public RedisNumberCap(StringRedisTemplate redis, StoreCalls calls, PhoneSubject subjects, int cap) {
        this.redis = redis;
        this.subjects = subjects;
        this.cap = cap;
        this.calls = calls.decision("backstop_cap");
    }

    static String key(String subject, LocalDate day) {
        return "phonegate:backstop:{" + subject + "}:" + day;
    }

    @Override
    public boolean count(PhoneNumber phone, Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        long untilDayEnds = Duration.between(now, day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()).toMillis();
        String key = key(subjects.of(phone), day);
        return calls.call(() -> {
            List<?> answer = redis.execute(CAP, List.of(key), Integer.toString(cap), Long.toString(Math.max(1, untilDayEnds)));
            if (answer == null || answer.size() != 2) {
                throw new IllegalStateException("backstop-cap answered " + answer);
            }
            return ((Number) answer.get(0)).longValue() == 1;
        });
    }
}
