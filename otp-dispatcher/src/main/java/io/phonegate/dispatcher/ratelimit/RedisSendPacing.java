package io.phonegate.dispatcher.ratelimit;

import io.phonegate.dispatcher.store.LuaScripts;
import io.phonegate.dispatcher.store.StoreCalls;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * {@link SendPacing} in Redis: GCRA on one key, {@code phonegate:pace:{sms}}, holding the time the
 * next send is due ({@code META-INF/scripts/pace.lua}). Every instance's sends go through it, so
 * together they keep the account's rate. The key expires once that time is past.
 */
public final class RedisSendPacing implements SendPacing {

    static final String KEY = "phonegate:pace:{sms}";
    private static final RedisScript<Long> PACE = LuaScripts.load("pace", Long.class);

    private final StringRedisTemplate redis;
    private final Gcra gcra;
    private final StoreCalls.Decision calls;

    RedisSendPacing(StringRedisTemplate redis, StoreCalls calls, Gcra gcra) {
        this.redis = redis;
        this.gcra = gcra;
        this.calls = calls.decision("pace");
    }

    @Override
    public Optional<Duration> reserve(Instant now, Duration maxWait) {
        long wait = calls.call(() -> {
            Long answer = redis.execute(PACE, List.of(KEY), Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, now)),
                    Long.toString(gcra.intervalMicros()), Long.toString(gcra.toleranceMicros()),
                    Long.toString(Math.max(0, maxWait.toNanos() / 1000)));
            if (answer == null) {
                throw new IllegalStateException("pace answered nothing");
            }
            return answer;
        });
        return wait < 0 ? Optional.empty() : Optional.of(Duration.of(wait, ChronoUnit.MICROS));
    }
}
