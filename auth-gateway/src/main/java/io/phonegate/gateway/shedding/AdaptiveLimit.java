package io.phonegate.gateway.shedding;

import java.util.Arrays;

/**
 * How many API requests are worth working on at once, learned from how long their work takes. A fixed bound
 * is right for one deployment only: on 2 shared cores a dozen starts in progress already saturate the CPU and
 * more only queue for it (the benchmark's 300 starts/s: half the answers late at 32 in progress), while against
 * real Cognito a start mostly waits on the network and needs dozens in progress for the same rate.
 *
 * <p>The judge is the median work time of each window of {@link #WINDOW} successful requests against the
 * baseline, the lowest such median within the last {@link #BASELINE_MEMORY_NANOS} (work at its uncongested
 * speed, for the usual mix of requests). A median, because one slow call (a pause, a retried Cognito call)
 * says nothing about queueing, while queueing slows most requests of a window. A window slower than
 * {@code tolerance} × the baseline means requests queue for something (CPU, connections): the limit is cut
 * in proportion, at most by a quarter (a gentle cut: a hard one overshoots, as the window still holds work
 * admitted under the old limit). Any other window raises it by one, up to {@code max}. After a cut, the
 * windows count only requests admitted under the new limit, so one congested spell is not punished twice. A
 * slow window in which fewer than half the limit's requests were in progress at once cuts nothing and grows
 * the limit: the slowdown did not come from what the limit let in (a pause, a busy neighbour, the JIT), so a
 * lower limit would only refuse the next burst. Holding the limit there instead was tried: after the JIT's
 * slow warm-up it refused 36 starts at 100/s where growing refused none (one pair of benchmark runs, devstack
 * README, ninth round); a limit grown too far is cut by the next window that fills it and is slow. A real
 * slowdown of Cognito looks the same for a while: once it has lasted the baseline's memory, it is the new
 * baseline.
 *
 * <p>Which requests are judged is the caller's to decide: only work whose cost is the usual one (a refusal
 * after one store call would drag the baseline down, and with it the limit, for whoever sends them).
 */
final class AdaptiveLimit implements InProgressBound {

    /** Successful requests judged together: enough to average out the request mix of a moment. */
    static final int WINDOW = 20;
    /** How long the uncongested speed is remembered. */
    static final long BASELINE_MEMORY_NANOS = 120_000_000_000L;
    private static final int BASELINE_BUCKETS = 6;
    private static final long BUCKET_NANOS = BASELINE_MEMORY_NANOS / BASELINE_BUCKETS;
    private static final double LARGEST_CUT = 0.75;

    private final int min;
    private final int max;
    private final double tolerance;
    private volatile int limit;

    private final long[] window = new long[WINDOW];
    private int windowSize;
    private int windowPeak;
    /** Requests admitted before this instant ({@link System#nanoTime()}) were admitted under a larger limit. */
    private long lastCut;
    private boolean everCut;
    /** The fastest window's median in each bucket of the baseline's memory, and which bucket (its start / BUCKET_NANOS) it holds. */
    private final long[] fastestWindow = new long[BASELINE_BUCKETS];
    private final long[] bucketOf = new long[BASELINE_BUCKETS];

    /**
     * @param tolerance how much slower than the baseline a window may be before the limit is cut (above 1)
     */
    AdaptiveLimit(int min, int max, double tolerance) {
        if (min < 1 || max < min || tolerance <= 1) {
            throw new IllegalArgumentException("need 1 <= min <= max and tolerance > 1");
        }
        this.min = min;
        this.max = max;
        this.tolerance = tolerance;
        this.limit = max;
        Arrays.fill(bucketOf, Long.MIN_VALUE);
    }

    @Override
    public int current() {
        return limit;
    }

    /** One request's work, judged with its window's. */
    @Override
    public synchronized void learn(long admittedAt, int inProgress, long workNanos, long now) {
        if (everCut && admittedAt - lastCut < 0) {
            return;
        }
        window[windowSize++] = workNanos;
        windowPeak = Math.max(windowPeak, inProgress);
        if (windowSize < WINDOW) {
            return;
        }
        boolean usedTheLimit = 2 * windowPeak >= limit;
        windowSize = 0;
        windowPeak = 0;
        Arrays.sort(window);
        long median = Math.max(1, window[WINDOW / 2]);
        double slowdown = (double) median / baseline(median, now);
        if (slowdown > tolerance && usedTheLimit) {
            limit = Math.max(min, (int) (limit * Math.max(LARGEST_CUT, tolerance / slowdown)));
            lastCut = now;
            everCut = true;
        } else if (limit < max) {
            limit++;
        }
    }

    /** The fastest window remembered, this one included. */
    private long baseline(long median, long now) {
        long bucket = Math.floorDiv(now, BUCKET_NANOS);
        int slot = (int) Math.floorMod(bucket, (long) BASELINE_BUCKETS);
        if (bucketOf[slot] != bucket) {
            bucketOf[slot] = bucket;
            fastestWindow[slot] = median;
        } else {
            fastestWindow[slot] = Math.min(fastestWindow[slot], median);
        }
        long fastest = median;
        for (int i = 0; i < BASELINE_BUCKETS; i++) {
            if (bucketOf[i] > bucket - BASELINE_BUCKETS) {
                fastest = Math.min(fastest, fastestWindow[i]);
            }
        }
        return fastest;
    }
}
