package io.phonegate.gateway.limits;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code client_ip.lua} alone: one key per address, gone when the address's bucket would be full again. */
class ClientIpScriptTest extends RedisScriptTestBase {

    private static final String ADDRESS = "address-subject";
    private static final String KEY = StoreKeys.clientIp(ADDRESS);

    @Test
    void eachRequestMovesTheFullAgainTimeOnByOneRefillAndTheKeyExpiresThen() {
        RedisClientIpBuckets buckets = new RedisClientIpBuckets(redis.template(), 60);

        buckets.take(ADDRESS, T0);
        assertThat(Double.parseDouble(redis.template().opsForValue().get(KEY))).isEqualTo(T0.toEpochMilli() + 1000.0);
        assertExpiresIn(KEY, Duration.ofSeconds(1));

        for (int i = 1; i < 60; i++) {
            buckets.take(ADDRESS, T0);
        }
        assertExpiresIn(KEY, Duration.ofSeconds(60));
    }

    @Test
    void aRefusedRequestChangesNothing() {
        RedisClientIpBuckets buckets = new RedisClientIpBuckets(redis.template(), 2);
        buckets.take(ADDRESS, T0);
        buckets.take(ADDRESS, T0);
        String full = redis.template().opsForValue().get(KEY);

        assertThat(buckets.take(ADDRESS, T0.plusSeconds(1)).retryAfter()).isEqualTo(Duration.ofSeconds(29));
        assertThat(redis.template().opsForValue().get(KEY)).isEqualTo(full);
    }
}
