package io.phonegate.devstack.cognito.quota;

import io.phonegate.devstack.cognito.QuotaCategory;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-category request rates, like Cognito's per-account quotas: a token bucket per category
 * holding one second's worth of requests. Off (no limit) for a category without a quota.
 * Runs on the JVM's monotonic time, not the emulator's clock, which tests may hold still.
 */
public final class RateQuotas {

    private final Map<QuotaCategory, Bucket> buckets = new EnumMap<>(QuotaCategory.class);
    private final AtomicLong throttled = new AtomicLong();

    /** Replaces every quota; an empty map switches them all off. */
    public synchronized void set(Map<QuotaCategory, Integer> requestsPerSecond) {
        buckets.clear();
        requestsPerSecond.forEach((category, rate) -> {
            if (rate == null || rate < 1) {
                throw new IllegalArgumentException("quota for " + category.awsName() + " must be at least 1 per second");
            }
            buckets.put(category, new Bucket(rate));
        });
    }

    /**
     * @param multiplier Cognito gives some operations a multiple of their category's quota
     *                   (RespondToAuthChallenge 3× UserAuthentication); they draw from their own bucket
     * @return false when over quota (the call must answer TooManyRequestsException)
     */
    public synchronized boolean tryAcquire(QuotaCategory category, String operation, int multiplier) {
        Bucket base = buckets.get(category);
        if (base == null) {
            return true;
        }
        Bucket bucket = multiplier == 1 ? base : base.scaled(operation, multiplier);
        if (bucket.tryTake(System.nanoTime())) {
            return true;
        }
        throttled.incrementAndGet();
        return false;
    }

    public long throttledCount() {
        return throttled.get();
    }

    private static final class Bucket {
        private final double ratePerSecond;
        private final Map<String, Bucket> scaled = new HashMap<>();
        private double tokens;
        private long lastRefill;

        Bucket(double ratePerSecond) {
            this.ratePerSecond = ratePerSecond;
            this.tokens = ratePerSecond;
            this.lastRefill = System.nanoTime();
        }

        Bucket scaled(String operation, int multiplier) {
            return scaled.computeIfAbsent(operation, op -> new Bucket(ratePerSecond * multiplier));
        }

        boolean tryTake(long now) {
            tokens = Math.min(ratePerSecond, tokens + (now - lastRefill) / 1e9 * ratePerSecond);
            lastRefill = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
