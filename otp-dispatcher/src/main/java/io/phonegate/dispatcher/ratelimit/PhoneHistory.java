package io.phonegate.dispatcher.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** When codes went to one number in the last day, oldest first; at most as many as the daily cap. */
final class PhoneHistory {

    static final Duration DAY = Duration.ofHours(24);

    private final Deque<Instant> sends = new ArrayDeque<>();

    void forgetBefore(Instant cutoff) {
        while (!sends.isEmpty() && !sends.peekFirst().isAfter(cutoff)) {
            sends.removeFirst();
        }
    }

    int countSince(Instant since) {
        int count = 0;
        var newestFirst = sends.descendingIterator();
        while (newestFirst.hasNext() && newestFirst.next().isAfter(since)) {
            count++;
        }
        return count;
    }

    void record(Instant at) {
        sends.addLast(at);
    }

    boolean isEmpty() {
        return sends.isEmpty();
    }
}
