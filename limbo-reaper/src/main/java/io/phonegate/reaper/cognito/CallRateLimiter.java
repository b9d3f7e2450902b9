package io.phonegate.reaper.cognito;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces calls at least {@code 1/rate} apart, whichever thread makes them, so any one-second
 * window holds at most {@code rate} calls: no burst, because Cognito's quota is a per-second
 * bucket shared with every other client of the account.
 */
final class CallRateLimiter {

    /** How the limiter waits; tests replace it to run without real time. */
    @FunctionalInterface
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long nextFreeSlot;

    CallRateLimiter(double callsPerSecond) {
        this(callsPerSecond, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    CallRateLimiter(double callsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(callsPerSecond > 0)) {
            throw new IllegalArgumentException("calls per second must be positive, was " + callsPerSecond);
        }
        this.intervalNanos = (long) Math.ceil(TimeUnit.SECONDS.toNanos(1) / callsPerSecond);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.nextFreeSlot = nanoTime.getAsLong();
    }

    /** Blocks until this caller's slot has come. */
    void acquire() throws InterruptedException {
        long waitNanos;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            long slot = Math.max(nextFreeSlot, now);
            nextFreeSlot = slot + intervalNanos;
            waitNanos = slot - now;
        }
        if (waitNanos > 0) {
            sleeper.sleepNanos(waitNanos);
        }
    }
}
