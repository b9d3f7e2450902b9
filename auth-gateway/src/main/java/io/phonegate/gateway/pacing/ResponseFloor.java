package io.phonegate.gateway.pacing;

import java.time.Duration;
import java.util.Arrays;

/**
 * The least time one kind of answer takes, so that it cannot tell which path made it: the configured
 * floor, raised to a quarter above the p99 of the slow path's recent durations (a ring of the last
 * {@code window}), capped. The headroom covers what the slow path's own measure leaves out (reading the
 * request, writing the answer) and a load that is rising; a slow path that still outlasts the floor is
 * counted. Every instance learns it from its own traffic; the value says nothing about any one request.
 */
public final class ResponseFloor {

    private static final double HEADROOM = 1.25;

    private final long configured;
    private final long max;
    private final long[] recent;
    private int seen;
    private volatile long floor;

    ResponseFloor(Duration configured, Duration max, int window) {
        this.configured = configured.toNanos();
        this.max = max.toNanos();
        this.recent = new long[window];
        this.floor = this.configured;
    }

    /** How long the slow path took this time. */
    public synchronized void observe(long nanos) {
        recent[seen % recent.length] = nanos;
        seen++;
        long[] sample = Arrays.copyOf(recent, Math.min(seen, recent.length));
        Arrays.sort(sample);
        long p99 = sample[(int) Math.ceil(sample.length * 0.99) - 1];
        floor = Math.min(max, Math.max(configured, (long) (p99 * HEADROOM)));
    }

    /** The floor now, in nanoseconds. */
    public long nanos() {
        return floor;
    }
}
