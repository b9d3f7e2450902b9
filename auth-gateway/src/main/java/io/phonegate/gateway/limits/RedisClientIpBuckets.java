package io.phonegate.gateway.limits;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@link ClientIpBuckets} in Redis: {@code client_ip.lua}, one key per address that expires when its bucket is full. */
final class RedisClientIpBuckets implements ClientIpBuckets {

    private static final RedisScript<List<Object>> SCRIPT = LuaScripts.load("client_ip");
    private static final String PERIOD_MS = String.valueOf(Duration.ofMinutes(1).toMillis());

    private final StringRedisTemplate redis;
    private final String capacity;

    RedisClientIpBuckets(StringRedisTemplate redis, int requestsPerMinute) {
        this.redis = redis;
        this.capacity = String.valueOf(requestsPerMinute);
    }

    @Override
    public Verdict<Boolean> take(String addressSubject, Instant now) {
        List<Object> reply = redis.execute(SCRIPT, List.of(StoreKeys.clientIp(addressSubject)),
                String.valueOf(now.toEpochMilli()), capacity, PERIOD_MS);
        if (LuaScripts.number(reply.get(0)) == 1) {
            return Verdict.granted(Boolean.TRUE);
        }
        return Verdict.refused(EdgeLimit.CLIENT_IP, Duration.ofMillis(LuaScripts.number(reply.get(1))));
    }
}
