package io.phonegate.gateway.limits;

import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.gateway.config.GatewayProperties;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * Requests per client address: a token bucket per address holding a minute's allowance,
 * refilled evenly. In this instance's memory; a load balancer spreading one client over N
 * instances gives it up to N times the rate, which is the price of needing no shared store.
 */
@Component
public class ClientIpLimit {

    private final double capacity;
    private final double tokensPerNano;
    private final Clock clock;
    private final MeterRegistry meters;
    private final BoundedLruMap<String, Bucket> buckets;

    ClientIpLimit(GatewayProperties properties, Clock clock, MeterRegistry meters) {
        this.capacity = properties.limits().clientIpRequestsPerMinute();
        this.tokensPerNano = capacity / Duration.ofMinutes(1).toNanos();
        this.clock = clock;
        this.meters = meters;
        meters.counter("phonegate.edge.rate.limited", "limit", EdgeLimit.CLIENT_IP.tag());
        this.buckets = new BoundedLruMap<>(properties.limits().maxTrackedKeys());
    }

    /** @throws RateLimitedException when this address has used its allowance */
    public void acquire(String clientIp) {
        long now = clock.millis() * 1_000_000L;
        synchronized (buckets) {
            Bucket bucket = buckets.computeIfAbsent(clientIp, key -> new Bucket(capacity, now));
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * tokensPerNano);
            bucket.updatedAt = now;
            if (bucket.tokens < 1) {
                long waitNanos = (long) Math.ceil((1 - bucket.tokens) / tokensPerNano);
                meters.counter("phonegate.edge.rate.limited", "limit", EdgeLimit.CLIENT_IP.tag()).increment();
                throw new RateLimitedException(EdgeLimit.CLIENT_IP, Duration.ofNanos(waitNanos));
            }
            bucket.tokens -= 1;
        }
    }

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }
    }
}
