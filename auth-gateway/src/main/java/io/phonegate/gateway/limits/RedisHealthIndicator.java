package io.phonegate.gateway.limits;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import java.time.Duration;

/**
 * Readiness of the shared store: a {@code PING} with the client's short timeout. An instance that
 * cannot admit starts leaves the load balancer while the store is unreachable and comes back by
 * itself. Answers are reused for a moment so frequent probes cost the store little.
 */
final class RedisHealthIndicator implements HealthIndicator {

    private final RedisConnectionFactory connections;
    private final long cacheForNanos;
    private volatile Health last;
    private volatile long lastAt;

    RedisHealthIndicator(RedisConnectionFactory connections, Duration cacheFor) {
        this.connections = connections;
        this.cacheForNanos = cacheFor.toNanos();
    }

    @Override
    public Health health() {
        long now = System.nanoTime();
        Health cached = last;
        if (cached != null && now - lastAt < cacheForNanos) {
            return cached;
        }
        Health fresh = check();
        last = fresh;
        lastAt = now;
        return fresh;
    }

    private Health check() {
        try (RedisConnection connection = connections.getConnection()) {
            return Health.up().withDetail("ping", connection.ping()).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}
