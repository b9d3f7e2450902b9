package io.phonegate.dispatcher.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long after a request's first "not answered yet" to look again for its start's answered mark, learnt
 * from the deliveries before. A request reaches the dispatcher a few milliseconds after it was queued, and
 * its {@code 202} leaves a pacing floor later (~250 ms), nearly the same time for every start: looking in
 * short, doubling steps cost three or four claim calls per SMS and sent it up to one step late. The first
 * look again is tuned to find the mark nine times in ten (a miss lengthens it by 9 ms, a find shortens it by
 * 1 ms, so it settles where misses are a tenth), and follows the gateway's floor up and down; after a miss
 * the looks go on in short, doubling steps. Shared by every delivery; updates are atomic.
 */
final class AnswerWaits {

    static final Duration SHORTEST = Duration.ofMillis(20);
    static final Duration LONGEST_STEP = Duration.ofMillis(200);
    private static final long LONGEST_FIRST = Duration.ofSeconds(1).toNanos();
    private static final long AFTER_MISS = Duration.ofMillis(9).toNanos();
    private static final long AFTER_FIND = -Duration.ofMillis(1).toNanos();

    private final AtomicLong firstNanos = new AtomicLong(SHORTEST.toNanos());

    /** The wait before the first look again. */
    Duration first() {
        return Duration.ofNanos(firstNanos.get());
    }

    /** The wait before the look after {@code last} (which also found no mark): twice as long, at most {@link #LONGEST_STEP}. */
    static Duration after(Duration last) {
        Duration doubled = last.multipliedBy(2);
        return doubled.compareTo(LONGEST_STEP) > 0 ? LONGEST_STEP : doubled;
    }

    /** Whether the first look again found the mark. */
    void firstLook(boolean found) {
        firstNanos.accumulateAndGet(found ? AFTER_FIND : AFTER_MISS,
                (current, step) -> Math.max(SHORTEST.toNanos(), Math.min(LONGEST_FIRST, current + step)));
    }
}
