package io.phonegate.gateway.pacing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponseFloorTest {

    private static final long MS = 1_000_000;
    private static final Duration FORGET_AFTER = Duration.ofMinutes(10);

    /** The ticker the floors read: moved by hand, as a test's clock. */
    private long now = 1_000_000_000L;

    private ResponseFloor floor(Duration configured, Duration max, int window) {
        return new ResponseFloor(configured, max, window, FORGET_AFTER, () -> now);
    }

    @Test
    void theConfiguredFloorHoldsUntilASlowerPathIsSeen() {
        ResponseFloor floor = floor(Duration.ofMillis(250), Duration.ofSeconds(2), 200);
        assertThat(floor.nanos()).isEqualTo(250 * MS);

        floor.observe(100 * MS);
        assertThat(floor.nanos()).isEqualTo(250 * MS);

        floor.observe(400 * MS);
        assertThat(floor.nanos()).isEqualTo(500 * MS);
    }

    @Test
    void theFloorIsAQuarterAboveTheP99OfTheWindowAndForgetsWhatLeftIt() {
        ResponseFloor floor = floor(Duration.ZERO, Duration.ofSeconds(2), 100);
        floor.observe(1_000 * MS);
        floor.observe(1_000 * MS);
        for (int i = 0; i < 98; i++) {
            floor.observe(100 * MS);
        }
        assertThat(floor.nanos()).as("the 99th of 100 is an outlier").isEqualTo(1_250 * MS);

        floor.observe(100 * MS);

        assertThat(floor.nanos()).as("one outlier left the window: one in 100 is above the p99").isEqualTo(125 * MS);
    }

    @Test
    void aSpikeIsForgottenAfterItsTimeAndTheFloorComesDownAgain() {
        ResponseFloor floor = floor(Duration.ofMillis(250), Duration.ofSeconds(2), 200);
        floor.observe(1_200 * MS);
        assertThat(floor.nanos()).isEqualTo(1_500 * MS);

        now += FORGET_AFTER.toNanos() - 1;
        assertThat(floor.nanos()).as("still within its time").isEqualTo(1_500 * MS);
        floor.observe(300 * MS);
        assertThat(floor.nanos()).isEqualTo(1_500 * MS);
        now += Duration.ofSeconds(2).toNanos();
        assertThat(floor.nanos()).as("only the later, shorter path counts").isEqualTo(375 * MS);

        now += FORGET_AFTER.toNanos();
        assertThat(floor.nanos()).as("nothing recent: the configured floor").isEqualTo(250 * MS);
    }

    @Test
    void theFloorNeverPassesItsCap() {
        ResponseFloor floor = floor(Duration.ofMillis(250), Duration.ofSeconds(1), 10);

        floor.observe(5_000 * MS);

        assertThat(floor.nanos()).isEqualTo(1_000 * MS);
    }

    @Test
    void answersAreHandedOverNoSoonerThanTheirDeadline() throws Exception {
        try (Pacer pacer = new Pacer()) {
            long deadline = System.nanoTime() + 50 * MS;

            CompletableFuture<String> answer = pacer.answerAt(deadline, "202");
            CompletableFuture<String> late = pacer.answerAt(System.nanoTime() - 10 * MS, "already due");
            CompletableFuture<String> failure = pacer.failAt(deadline, new IllegalStateException("wrong code"));

            assertThat(answer.get()).isEqualTo("202");
            assertThat(System.nanoTime()).isGreaterThanOrEqualTo(deadline);
            assertThat(late.get()).isEqualTo("already due");
            assertThatThrownBy(failure::get).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void answersWhoseWorkOutlastedTheFloorAreCounted() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ResponseFloors floors = new ResponseFloors(new PacingSettings(Duration.ofMillis(50), Duration.ofMillis(50),
                Duration.ofSeconds(2), 200, FORGET_AFTER), meters);

        floors.startNotBefore(System.nanoTime());
        floors.startNotBefore(System.nanoTime() - 100 * MS);

        assertThat(meters.get("phonegate.auth.answer.floor.overruns").tag("answer", "start").counter().count()).isEqualTo(1);
        assertThat(meters.get("phonegate.auth.answer.floor.overruns").tag("answer", "wrong_answer").counter().count()).isZero();
        assertThat(meters.get("phonegate.auth.answer.floor").tag("answer", "start").gauge().value()).isEqualTo(0.05);
    }

    @Test
    void contradictorySettingsStopTheService() {
        assertThatThrownBy(() -> new PacingSettings(Duration.ofSeconds(3), Duration.ZERO, Duration.ofSeconds(2), 200,
                FORGET_AFTER)).hasMessageContaining("max-floor");
        assertThatThrownBy(() -> new PacingSettings(Duration.ofMillis(-1), Duration.ZERO, Duration.ofSeconds(2), 200,
                FORGET_AFTER)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new PacingSettings(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(11), 200,
                FORGET_AFTER)).hasMessageContaining("10s");
        assertThatThrownBy(() -> new PacingSettings(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(2), 200,
                Duration.ofSeconds(1))).hasMessageContaining("forget-after");
    }
}
