package io.phonegate.gateway.pacing;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The least time one kind of answer takes, so that it cannot tell which path made it: the configured
 * floor, raised to a quarter above the p99 of the slow path's recent durations (the last {@code window}
 * of them, none older than {@code forgetAfter}), capped. The headroom covers what the slow path's own
 * measure leaves out (reading the request, writing the answer) and a load that is rising; a slow path
 * that still outlasts the floor is counted. Forgetting old durations lets the floor come down again after
 * a load spike. Every instance learns it from its own traffic; the value says nothing about any one request.
 */
public final class ResponseFloor {

    private static final double HEADROOM = 1.25;
    /** How often a floor no new duration changed is looked at again, for durations it should forget. */
    private static final long RECHECK_NANOS = Duration.ofSeconds(1).toNanos();

    private final long configured;
    private final long max;
    private final long forgetAfter;
    private final LongSupplier ticker;
    private final long[] seenAt;
    private final long[] took;
    private int seen;
    private volatile long floor;
    private volatile long computedAt;

    ResponseFloor(Duration configured, Duration max, int window, Duration forgetAfter, LongSupplier ticker) {
        this.configured = configured.toNanos();
        this.max = max.toNanos();
        this.forgetAfter = forgetAfter.toNanos();
        this.ticker = ticker;
        this.seenAt = new long[window];
        this.took = new long[window];
        this.floor = this.configured;
        this.computedAt = ticker.getAsLong();
    }

    /** How long the slow path took this time. */
    public synchronized void observe(long nanos) {
        long now = ticker.getAsLong();
        seenAt[seen % took.length] = now;
        took[seen % took.length] = nanos;
        seen++;
        recompute(now);
    }

    /** The floor now, in nanoseconds. */
    public long nanos() {
        long now = ticker.getAsLong();
        if (now - computedAt > RECHECK_NANOS) {
            synchronized (this) {
                recompute(now);
            }
        }
        return floor;
    }

    private void recompute(long now) {
        long[] recent = new long[Math.min(seen, took.length)];
        int count = 0;
        for (int i = 0; i < recent.length; i++) {
            if (now - seenAt[i] <= forgetAfter) {
                recent[count++] = took[i];
            }
        }
        long learned = 0;
        if (count > 0) {
            long[] sample = Arrays.copyOf(recent, count);
            Arrays.sort(sample);
            learned = (long) (sample[(int) Math.ceil(count * 0.99) - 1] * HEADROOM);
        }
        floor = Math.min(max, Math.max(configured, learned));
        computedAt = now;
    }
}
