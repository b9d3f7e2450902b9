package io.phonegate.gateway.shedding;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The learned bound on requests in progress, fed work times on a clock of its own (nanoseconds). */
class AdaptiveLimitTest {

    private static final long MS = 1_000_000L;

    private long now = 1_000 * MS;

    @Test
    void startsAtTheMaximumAndStaysThereWhileWorkKeepsItsSpeed() {
        AdaptiveLimit limit = new AdaptiveLimit(4, 32, 2.0);
        assertThat(limit.current()).isEqualTo(32);

        windows(limit, 10, 20 * MS);
        windows(limit, 10, 35 * MS);

        assertThat(limit.current()).as("1.75 × the fastest window is within the tolerance").isEqualTo(32);
    }

    @Test
    void aWindowSlowerThanTheToleranceCutsTheLimitInProportionAtMostByAQuarter() {
        AdaptiveLimit limit = new AdaptiveLimit(4, 32, 2.0);
        windows(limit, 1, 20 * MS);

        windows(limit, 1, 48 * MS);
        assertThat(limit.current()).as("2.4 × slower: cut to 2/2.4").isEqualTo(26);

        windows(limit, 1, 200 * MS);
        assertThat(limit.current()).as("10 × slower: cut by a quarter, no more").isEqualTo(19);
    }

    @Test
    void workAdmittedBeforeACutIsNotJudgedAgain() {
        AdaptiveLimit limit = new AdaptiveLimit(4, 32, 2.0);
        windows(limit, 1, 20 * MS);
        long admittedBeforeTheCut = now;
        windows(limit, 1, 80 * MS);
        assertThat(limit.current()).isEqualTo(24);

        for (int i = 0; i < 3 * AdaptiveLimit.WINDOW; i++) {
            now += MS;
            limit.learn(admittedBeforeTheCut, limit.current(), 80 * MS, now);
        }

        assertThat(limit.current()).as("the queue the old limit let in drains without cutting again").isEqualTo(24);
    }

    @Test
    void growsBackByOnePerWindowOnceWorkIsFastAgainAndNeverPassesTheBounds() {
        AdaptiveLimit limit = new AdaptiveLimit(4, 32, 2.0);
        windows(limit, 1, 20 * MS);
        windows(limit, 10, 200 * MS);
        assertThat(limit.current()).as("never under the minimum").isEqualTo(4);

        windows(limit, 3, 20 * MS);
        assertThat(limit.current()).isEqualTo(7);

        windows(limit, 40, 20 * MS);
        assertThat(limit.current()).as("never over the maximum").isEqualTo(32);
    }

    @Test
    void aSlowdownThatLastsTheBaselinesMemoryBecomesTheNewBaseline() {
        AdaptiveLimit limit = new AdaptiveLimit(4, 32, 2.0);
        windows(limit, 1, 20 * MS);
        windows(limit, 10, 100 * MS);
        assertThat(limit.current()).isEqualTo(4);

        now += AdaptiveLimit.BASELINE_MEMORY_NANOS;
        windows(limit, 30, 100 * MS);

        assertThat(limit.current()).as("Cognito got slower for good: the limit grows back").isEqualTo(32);
    }

    @Test
    void aFewSlowRequestsInAWindowAreNotCongestion() {
        AdaptiveLimit limit = new AdaptiveLimit(4, 32, 2.0);
        windows(limit, 1, 20 * MS);

        for (int i = 0; i < 5 * AdaptiveLimit.WINDOW; i++) {
            long work = i % 4 == 0 ? 3_000 * MS : 20 * MS;
            limit.learn(now, limit.current(), work, now + work);
            now += work;
        }

        assertThat(limit.current()).as("a pause or a retried call in every fourth request").isEqualTo(32);
    }

    @Test
    void onlyAFullWindowIsJudged() {
        AdaptiveLimit limit = new AdaptiveLimit(4, 32, 2.0);
        windows(limit, 1, 20 * MS);
        for (int i = 0; i < AdaptiveLimit.WINDOW - 1; i++) {
            now += MS;
            limit.learn(now, limit.current(), 500 * MS, now);
        }
        assertThat(limit.current()).isEqualTo(32);

        now += MS;
        limit.learn(now, limit.current(), 500 * MS, now);
        assertThat(limit.current()).isEqualTo(24);
    }

    @Test
    void refusesBoundsThatCannotHold() {
        assertThatThrownBy(() -> new AdaptiveLimit(0, 32, 2.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdaptiveLimit(8, 4, 2.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdaptiveLimit(4, 32, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void slowWorkWithFewRequestsInProgressCutsNothing() {
        AdaptiveLimit limit = new AdaptiveLimit(4, 32, 2.0);
        windows(limit, 1, 20 * MS);

        windowsWithAtMost(limit, 5, 15, 200 * MS);
        assertThat(limit.current()).as("never more than 15 of 32 in progress: the slowdown came from elsewhere")
                .isEqualTo(32);

        windows(limit, 1, 200 * MS);
        assertThat(limit.current()).as("as many in progress as allowed, and slow: cut").isEqualTo(24);
    }

    @Test
    void slowWorkWithFewRequestsInProgressStillLetsACutLimitGrowBack() {
        AdaptiveLimit limit = new AdaptiveLimit(4, 32, 2.0);
        windows(limit, 1, 20 * MS);
        windows(limit, 1, 60 * MS);
        assertThat(limit.current()).isEqualTo(24);

        windowsWithAtMost(limit, 5, 11, 200 * MS);
        assertThat(limit.current()).as("slow, though not from what the limit let in: the cut is not held against the next burst")
                .isEqualTo(29);
    }

    /** {@code count} windows of requests that each took {@code work}, one after another, never more than {@code inProgress} at once. */
    private void windowsWithAtMost(AdaptiveLimit limit, int count, int inProgress, long work) {
        for (int i = 0; i < count * AdaptiveLimit.WINDOW; i++) {
            limit.learn(now, inProgress, work, now + work);
            now += work;
        }
    }

    /** {@code count} windows of requests that each took {@code work}, each admitted when the one before finished, with the limit's every slot taken. */
    private void windows(AdaptiveLimit limit, int count, long work) {
        for (int i = 0; i < count * AdaptiveLimit.WINDOW; i++) {
            long admitted = now;
            now += work;
            limit.learn(admitted, limit.current(), work, now);
        }
    }
}
