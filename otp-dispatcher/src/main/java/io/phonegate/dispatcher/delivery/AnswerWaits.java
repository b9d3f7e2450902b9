package io.phonegate.dispatcher.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When to look first for a start's answered mark: how long after a request reaches the dispatcher its
 * {@code 202} has usually left, learnt from the deliveries before. The {@code 202} leaves a pacing floor
 * (~250 ms) after the start arrived, nearly the same time for every start, while the request reaches the
 * dispatcher soon after it was queued: claimed on arrival it was nearly always "not answered yet", a store call
 * per SMS for nothing. The first look is tuned to find the mark nine times in ten (a miss lengthens it by 9 ms,
 * a find shortens it by 1 ms, so it settles where misses are a tenth), and follows the gateway's floor up and
 * down; after a miss the looks go on in short, doubling steps. It counts from the arrival, not from when each
 * request was queued: the requests of one fetch arrive together and so are claimed, sent and reported together
 * (fewer wake-ups of the workers, the store's client and the report producer; spread over their own times
 * they cost the dispatcher's workers 15–50 % more CPU per SMS). Shared by every delivery; updates are atomic.
 */
final class AnswerWaits {

    static final Duration SHORTEST = Duration.ofMillis(20);
    static final Duration LONGEST_STEP = Duration.ofMillis(200);
    private static final long LONGEST_FIRST = Duration.ofSeconds(1).toNanos();
    private static final long AFTER_MISS = Duration.ofMillis(9).toNanos();
    private static final long AFTER_FIND = -Duration.ofMillis(1).toNanos();

    private final AtomicLong firstNanos = new AtomicLong(SHORTEST.toNanos());

    /** How long after a request's arrival to look first. */
    Duration first() {
        return Duration.ofNanos(firstNanos.get());
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

    /** Whether the first look found the mark. */
    void firstLook(boolean found) {
        firstNanos.accumulateAndGet(found ? AFTER_FIND : AFTER_MISS,
                (current, step) -> Math.max(SHORTEST.toNanos(), Math.min(LONGEST_FIRST, current + step)));
    }
}
