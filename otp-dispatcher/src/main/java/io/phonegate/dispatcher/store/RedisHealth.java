package io.phonegate.dispatcher.store;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code redis} health indicator (part of readiness): one {@code PING} with the store's short
 * timeout, remembered for a second so frequent probes do not add load; and whether deliveries are
 * paused waiting for the store.
 */
final class RedisHealth implements HealthIndicator {

    private static final Duration REMEMBERED = Duration.ofSeconds(1);

    private final StoreProbe probe;
    private final StoreOutage outage;
    private final Clock clock;
    private Health last;
    private Instant lastAt = Instant.MIN;

    RedisHealth(StoreProbe probe, StoreOutage outage, Clock clock) {
        this.probe = probe;
        this.outage = outage;
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(lastAt.plus(REMEMBERED))) {
            last = check();
            lastAt = now;
        }
        return last;
    }

    private Health check() {
        Health.Builder health;
        try {
            health = probe.reachable() ? Health.up() : Health.down();
        } catch (RuntimeException e) {
            health = Health.down().withDetail("error", e.getClass().getSimpleName());
        }
        return health.withDetail("sendingPaused", outage.down()).withDetail("deliveriesWaiting", outage.waiting()).build();
    }
}
