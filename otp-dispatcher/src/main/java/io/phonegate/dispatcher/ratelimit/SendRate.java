package io.phonegate.dispatcher.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The global send rate, a token bucket holding at most one second of tokens. A caller reserves
 * a token and is told how long to wait for it; reservations queue up behind each other, so
 * the rate holds however many deliveries wait. A reservation that would come too late (after
 * the code expires) is not taken, so waiting codes never use up the rate for later ones.
 */
public final class SendRate {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double perNano;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    public SendRate(double perSecond, LongSupplier nanoTime) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("send rate must be positive, was " + perSecond);
        }
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.capacity = Math.max(1.0, perSecond);
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.last = nanoTime.getAsLong();
    }

    public static SendRate perSecond(double perSecond) {
        return new SendRate(perSecond, System::nanoTime);
    }

    /**
     * @param maxWait how long the caller can wait at most
     * @return how long to wait before sending, or empty (nothing reserved) when that would exceed {@code maxWait}
     */
    public synchronized Optional<Duration> reserve(Duration maxWait) {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return Optional.of(Duration.ZERO);
        }
        long waitNanos = (long) Math.ceil((1.0 - tokens) / perNano);
        if (waitNanos > maxWait.toNanos()) {
            return Optional.empty();
        }
        tokens -= 1.0;
        return Optional.of(Duration.ofNanos(waitNanos));
    }
}
