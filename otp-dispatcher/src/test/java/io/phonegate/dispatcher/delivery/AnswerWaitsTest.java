package io.phonegate.dispatcher.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerWaitsTest {

    /** Runs {@code deliveries} first looks against answers that come {@code answeredAfter} ± jitter after their requests arrived; returns the share that found the mark. */
    private static double run(AnswerWaits waits, int deliveries, long answeredAfterMillis, long jitterMillis, Random random) {
        int found = 0;
        for (int i = 0; i < deliveries; i++) {
            long answeredAt = answeredAfterMillis + (jitterMillis == 0 ? 0 : random.nextLong(-jitterMillis, jitterMillis + 1));
            boolean markThere = waits.first().toMillis() >= answeredAt;
            waits.firstLook(markThere);
            found += markThere ? 1 : 0;
        }
        return (double) found / deliveries;
    }

    @Test
    void theFirstLookSettlesJustPastTheUsualAnswerAndFindsItNineTimesInTen() {
        AnswerWaits waits = new AnswerWaits();
        Random random = new Random(7);
        assertThat(waits.first()).isEqualTo(AnswerWaits.SHORTEST);

        run(waits, 200, 240, 15, random);
        double found = run(waits, 2_000, 240, 15, random);

        assertThat(found).isBetween(0.8, 0.97);
        assertThat(waits.first()).isBetween(Duration.ofMillis(240), Duration.ofMillis(262));
    }

    @Test
    void itFollowsTheGatewaysFloorDownAndUp() {
        AnswerWaits waits = new AnswerWaits();
        Random random = new Random(11);
        run(waits, 500, 600, 0, random);
        assertThat(waits.first()).isBetween(Duration.ofMillis(600), Duration.ofMillis(610));

        run(waits, 600, 100, 0, random);
        assertThat(waits.first()).isBetween(Duration.ofMillis(100), Duration.ofMillis(110));

        run(waits, 100, 300, 0, random);
        assertThat(waits.first()).isBetween(Duration.ofMillis(300), Duration.ofMillis(310));
    }

    @Test
    void aFreshRequestWaitsTheLearntTimeAndALateOneNone() {
        AnswerWaits waits = new AnswerWaits();
        for (int i = 0; i < 30; i++) {
            waits.firstLook(false);
        }
        Duration first = waits.first();
        assertThat(first).isEqualTo(AnswerWaits.SHORTEST.plusMillis(270));

        // Not what is left of it since each was queued: the requests of one fetch stay together.
        assertThat(waits.untilFirstLook(Duration.ofMillis(4))).isEqualTo(first);
        assertThat(waits.untilFirstLook(Duration.ofMillis(90))).isEqualTo(first);
        assertThat(waits.untilFirstLook(Duration.ofMillis(-30))).as("the gateway's clock ahead").isEqualTo(first);
        assertThat(waits.untilFirstLook(first)).as("that old already: a backlog").isZero();
        assertThat(waits.untilFirstLook(Duration.ofMinutes(5))).as("a redelivery").isZero();
    }

    @Test
    void theFirstWaitStaysWithinItsBoundsAndLaterStepsDoubleToTheirCap() {
        AnswerWaits waits = new AnswerWaits();
        for (int i = 0; i < 1_000; i++) {
            waits.firstLook(true);
        }
        assertThat(waits.first()).isEqualTo(AnswerWaits.SHORTEST);
        for (int i = 0; i < 1_000; i++) {
            waits.firstLook(false);
        }
        assertThat(waits.first()).isEqualTo(Duration.ofSeconds(1));

        assertThat(AnswerWaits.after(Duration.ofMillis(20))).isEqualTo(Duration.ofMillis(40));
        assertThat(AnswerWaits.after(Duration.ofMillis(160))).isEqualTo(AnswerWaits.LONGEST_STEP);
        assertThat(AnswerWaits.after(AnswerWaits.LONGEST_STEP)).isEqualTo(AnswerWaits.LONGEST_STEP);
    }
}
