package io.phonegate.dispatcher.delivery;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When to look first for a start's answered mark: how long after a request reaches the dispatcher its
 * {@code 202} has usually left, learnt from the deliveries before. The {@code 202} leaves a pacing floor
 * (~250 ms) after the start arrived, nearly the same time for every start, while the request reaches the
 * dispatcher soon after it was queued: claimed on arrival it was nearly always "not answered yet", a store call
 * per SMS for nothing. The first look is tuned to find the mark nine times in ten and follows the gateway's
 * floor up and down; after a miss the looks go on in short, doubling steps. It counts from the arrival, not from
 * when each request was queued: the requests of one fetch arrive together and so are claimed, sent and reported
 * together (fewer wake-ups of the workers, the store's client and the report producer; spread over their own
 * times they cost the dispatcher's workers 15–50 % more CPU per SMS). Shared by every delivery.
 *
 * <p>It is tuned once a {@linkplain #WINDOW window} (a second, and at least {@value #WINDOW_LOOKS} first looks),
 * by the share of that window's first looks that missed, not a step per look: a look reports a wait chosen a
 * wait ago, and at 300 requests a second a step per look moved the wait by hundreds of milliseconds before the
 * looks made with it came back, so it swung between 150 and 550 ms and the SMS left 300 ms after the {@code 202}
 * at the median, not 50.
 */
final class AnswerWaits {

    static final Duration SHORTEST = Duration.ofMillis(20);
    static final Duration LONGEST_STEP = Duration.ofMillis(200);
    static final Duration WINDOW = Duration.ofSeconds(1);
    static final int WINDOW_LOOKS = 20;
    private static final long LONGEST_FIRST = Duration.ofSeconds(1).toNanos();
    private static final double MISSES_WANTED = 0.1;
    /**
     * How far one window moves the first look per share of its looks off the wanted one: 10 ms shorter when
     * none missed, 90 ms longer when all did. About one step to the right time when the marks' times spread
     * over ~100 ms (a fetch's worth of arrivals); when they spread less, it may step past it and back, by a
     * few tens of milliseconds at most.
     */
    private static final long GAIN_NANOS = Duration.ofMillis(100).toNanos();

    private final LongSupplier nanoTime;
    private volatile long firstNanos = SHORTEST.toNanos();
    private long windowStart;
    private int looks;
    private int misses;

    AnswerWaits() {
        this(System::nanoTime);
    }

    /** @param nanoTime a monotonic clock, {@link System#nanoTime()} */
    AnswerWaits(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    /** How long after a request's arrival to look first. */
    Duration first() {
        return Duration.ofNanos(firstNanos);
    }

    /**
     * How long a request just arrived, queued {@code sinceQueued} ago, waits before its first look: {@link #first()},
     * or none when it is that old already (a backlog, a redelivery) and its start most likely answered.
     */
    Duration untilFirstLook(Duration sinceQueued) {
        Duration first = first();
        return sinceQueued.compareTo(first) >= 0 ? Duration.ZERO : first;
    }

    /** The wait before the look after {@code last} (which also found no mark): twice as long, at most {@link #LONGEST_STEP}. */
    static Duration after(Duration last) {
        Duration doubled = last.multipliedBy(2);
        return doubled.compareTo(LONGEST_STEP) > 0 ? LONGEST_STEP : doubled;
    }

    /** Whether a first look found the mark; at a window's end, the first look is tuned by the window's misses. */
    synchronized void firstLook(boolean found) {
        looks++;
        if (!found) {
            misses++;
        }
        long now = nanoTime.getAsLong();
        if (looks >= WINDOW_LOOKS && now - windowStart >= WINDOW.toNanos()) {
            long step = Math.round(GAIN_NANOS * ((double) misses / looks - MISSES_WANTED));
            firstNanos = Math.max(SHORTEST.toNanos(), Math.min(LONGEST_FIRST, firstNanos + step));
            looks = 0;
            misses = 0;
            windowStart = now;
        }
    }
}
