package io.phonegate.dispatcher.delivery;

import io.phonegate.dispatcher.DispatcherProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private static final DispatcherProperties.Retry RETRY =
            new DispatcherProperties.Retry(Duration.ofMillis(200), Duration.ofSeconds(2), 2.0);

    @Test
    void stepsDoubleUntilTheCap() {
        Backoff noJitter = new Backoff(RETRY, () -> 1.0);

        assertThat(noJitter.after(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(noJitter.after(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(noJitter.after(4)).isEqualTo(Duration.ofMillis(1600));
        assertThat(noJitter.after(5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(noJitter.after(50)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void jitterKeepsAtLeastHalfTheStep() {
        assertThat(new Backoff(RETRY, () -> 0.0).after(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(Backoff.jittered(RETRY).after(2)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    }
}
