package io.phonegate.dispatcher.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerWaitsTest {

    private static final long FETCH_EVERY = Duration.ofMillis(100).toNanos();

    /**
     * The dispatcher as the waits see it, on a clock of its own: requests arrive a fetch at a time (every 100 ms),
     * each queued up to 100 ms before its fetch, its start answered {@code floor} ± {@code jitter} after it was
     * queued; each first look is made {@link AnswerWaits#first()} after its arrival and tells what it found then,
     * a wait later, as in a running dispatcher (many looks under way at once at high rates).
     */
    private static final class Dispatcher {
        private long now;
        private final AnswerWaits waits = new AnswerWaits(() -> now);
        private final PriorityQueue<Look> looks = new PriorityQueue<>(Comparator.comparingLong(Look::at));
        private final Random random;
        private double due;
        private int made;
        private int found;
        private long shortest = Long.MAX_VALUE;
        private long longest;

        Dispatcher(long seed) {
            random = new Random(seed);
        }

        /** Runs for {@code length} at {@code perSecond}; afterwards {@link #foundShare()} and the range of the first wait cover it alone. */
        Dispatcher run(Duration length, double perSecond, long floorMillis, long jitterMillis) {
            made = 0;
            found = 0;
            shortest = Long.MAX_VALUE;
            longest = 0;
            long end = now + length.toNanos();
            for (long fetch = now + FETCH_EVERY; fetch <= end; fetch += FETCH_EVERY) {
                lookUntil(fetch);
                shortest = Math.min(shortest, waits.first().toMillis());
                longest = Math.max(longest, waits.first().toMillis());
                for (due += perSecond / 10; due >= 1; due--) {
                    long queued = fetch - (long) (random.nextDouble() * FETCH_EVERY);
                    long answered = queued + Duration.ofMillis(floorMillis).toNanos()
                            + (long) ((random.nextDouble() * 2 - 1) * Duration.ofMillis(jitterMillis).toNanos());
                    looks.add(new Look(fetch + waits.untilFirstLook(Duration.ofNanos(fetch - queued)).toNanos(), answered));
                }
            }
            lookUntil(end);
            return this;
        }

        private void lookUntil(long time) {
            while (!looks.isEmpty() && looks.peek().at() <= time) {
                Look look = looks.poll();
                now = look.at();
                boolean markThere = now >= look.answered();
                waits.firstLook(markThere);
                made++;
                found += markThere ? 1 : 0;
            }
            now = time;
        }

        double foundShare() {
            return (double) found / made;
        }

        /** The first wait's shortest at the fetches of the last run, ms. */
        long shortest() {
            return shortest;
        }

        /** The first wait's longest at the fetches of the last run, ms. */
        long longest() {
            return longest;
        }

        /** A first look due {@code at}, for a start answered at {@code answered} (both on the dispatcher's clock). */
        private record Look(long at, long answered) {
        }
    }

    @Test
    void atThreeHundredASecondTheFirstLookHoldsJustPastTheUsualAnswerAndFindsItNineTimesInTen() {
        // Answered 250 ms ± 10 after being queued, arrived 0-100 ms after: 140-260 ms after arriving, 9 in 10 by ~250.
        Dispatcher dispatcher = new Dispatcher(7).run(Duration.ofSeconds(10), 300, 250, 10);

        dispatcher.run(Duration.ofSeconds(30), 300, 250, 10);

        assertThat(dispatcher.foundShare()).isBetween(0.8, 0.97);
        assertThat(dispatcher.shortest()).as("the first wait's shortest, ms").isGreaterThanOrEqualTo(225);
        assertThat(dispatcher.longest()).as("the first wait's longest, ms").isLessThanOrEqualTo(275);
    }

    @Test
    void atTenASecondItSettlesTheSame() {
        Dispatcher dispatcher = new Dispatcher(11).run(Duration.ofSeconds(60), 10, 250, 10);

        dispatcher.run(Duration.ofSeconds(120), 10, 250, 10);

        assertThat(dispatcher.foundShare()).isBetween(0.8, 0.97);
        assertThat(dispatcher.shortest()).isGreaterThanOrEqualTo(215);
        assertThat(dispatcher.longest()).isLessThanOrEqualTo(285);
    }

    @Test
    void itFollowsTheGatewaysFloorUpAndDown() {
        Dispatcher dispatcher = new Dispatcher(13).run(Duration.ofSeconds(20), 100, 600, 0);
        assertThat(dispatcher.waits.first()).isBetween(Duration.ofMillis(560), Duration.ofMillis(620));

        dispatcher.run(Duration.ofSeconds(60), 100, 100, 0);
        assertThat(dispatcher.waits.first()).isBetween(Duration.ofMillis(60), Duration.ofMillis(120));

        dispatcher.run(Duration.ofSeconds(20), 100, 300, 0);
        assertThat(dispatcher.waits.first()).isBetween(Duration.ofMillis(260), Duration.ofMillis(320));
    }

    @Test
    void itIsTunedOnceAWindowOfASecondAndTwentyLooks() {
        long[] now = {0};
        AnswerWaits waits = new AnswerWaits(() -> now[0]);
        for (int i = 0; i < 100; i++) {
            waits.firstLook(false);
        }
        assertThat(waits.first()).as("within the first second").isEqualTo(AnswerWaits.SHORTEST);

        now[0] = AnswerWaits.WINDOW.toNanos();
        waits.firstLook(false);
        assertThat(waits.first()).as("every look missed: 90 ms longer").isEqualTo(Duration.ofMillis(110));

        now[0] += AnswerWaits.WINDOW.toNanos() * 5;
        for (int i = 0; i < AnswerWaits.WINDOW_LOOKS - 1; i++) {
            waits.firstLook(true);
        }
        assertThat(waits.first()).as("a long quiet second, too few looks yet").isEqualTo(Duration.ofMillis(110));
        waits.firstLook(false);
        assertThat(waits.first()).as("one in twenty missed: 5 ms shorter").isEqualTo(Duration.ofMillis(105));
    }

    @Test
    void aFreshRequestWaitsTheLearntTimeAndALateOneNone() {
        long[] now = {0};
        AnswerWaits waits = new AnswerWaits(() -> now[0]);
        now[0] = AnswerWaits.WINDOW.toNanos();
        for (int i = 0; i < AnswerWaits.WINDOW_LOOKS; i++) {
            waits.firstLook(false);
        }
        Duration first = waits.first();
        assertThat(first).isEqualTo(Duration.ofMillis(110));

        // Not what is left of it since each was queued: the requests of one fetch stay together.
        assertThat(waits.untilFirstLook(Duration.ofMillis(4))).isEqualTo(first);
        assertThat(waits.untilFirstLook(Duration.ofMillis(90))).isEqualTo(first);
        assertThat(waits.untilFirstLook(Duration.ofMillis(-30))).as("the gateway's clock ahead").isEqualTo(first);
        assertThat(waits.untilFirstLook(first)).as("that old already: a backlog").isZero();
        assertThat(waits.untilFirstLook(Duration.ofMinutes(5))).as("a redelivery").isZero();
    }

    @Test
    void theFirstWaitStaysWithinItsBoundsAndLaterStepsDoubleToTheirCap() {
        long[] now = {0};
        AnswerWaits waits = new AnswerWaits(() -> now[0]);
        for (int window = 0; window < 50; window++) {
            now[0] += AnswerWaits.WINDOW.toNanos();
            for (int i = 0; i < AnswerWaits.WINDOW_LOOKS; i++) {
                waits.firstLook(false);
            }
        }
        assertThat(waits.first()).isEqualTo(Duration.ofSeconds(1));
        for (int window = 0; window < 200; window++) {
            now[0] += AnswerWaits.WINDOW.toNanos();
            for (int i = 0; i < AnswerWaits.WINDOW_LOOKS; i++) {
                waits.firstLook(true);
            }
        }
        assertThat(waits.first()).isEqualTo(AnswerWaits.SHORTEST);

        assertThat(AnswerWaits.after(Duration.ofMillis(20))).isEqualTo(Duration.ofMillis(40));
        assertThat(AnswerWaits.after(Duration.ofMillis(160))).isEqualTo(AnswerWaits.LONGEST_STEP);
        assertThat(AnswerWaits.after(AnswerWaits.LONGEST_STEP)).isEqualTo(AnswerWaits.LONGEST_STEP);
    }
}
