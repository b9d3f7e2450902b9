package io.phonegate.dispatcher.ratelimit;

import io.phonegate.dispatcher.DispatcherProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link SendPacing} promises. One send every 10 s: the Redis key expires in real time
 * once its due time is past, and a loaded machine must not make it expire between two calls.
 */
abstract class SendPacingContract {

    static final DispatcherProperties.Pacing ONE_PER_TEN_SECONDS = new DispatcherProperties.Pacing(0.1, 1);
    static final DispatcherProperties.Pacing BURST_OF_FIVE = new DispatcherProperties.Pacing(0.1, 5);
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    abstract SendPacing pacing(DispatcherProperties.Pacing settings);

    @Test
    void sendsAreSpacedOneIntervalApart() {
        SendPacing pacing = pacing(ONE_PER_TEN_SECONDS);

        assertThat(pacing.reserve(NOW, Duration.ofMinutes(1))).contains(Duration.ZERO);
        assertThat(pacing.reserve(NOW, Duration.ofMinutes(1))).contains(Duration.ofSeconds(10));
        assertThat(pacing.reserve(NOW.plusSeconds(2), Duration.ofMinutes(1))).contains(Duration.ofSeconds(18));
    }

    @Test
    void aTurnAfterTheLongestWaitIsNotTaken() {
        SendPacing pacing = pacing(ONE_PER_TEN_SECONDS);
        pacing.reserve(NOW, Duration.ZERO);

        assertThat(pacing.reserve(NOW, Duration.ofMillis(9_999))).isEmpty();
        assertThat(pacing.reserve(NOW, Duration.ofSeconds(10))).contains(Duration.ofSeconds(10));
    }

    @Test
    void idleTimeIsNotSavedUpBeyondTheBurst() {
        SendPacing pacing = pacing(BURST_OF_FIVE);
        Instant later = NOW.plusSeconds(60);

        for (int i = 0; i < 5; i++) {
            assertThat(pacing.reserve(later, Duration.ZERO)).contains(Duration.ZERO);
        }
        assertThat(pacing.reserve(later, Duration.ofMinutes(1))).contains(Duration.ofSeconds(10));
    }

    @Test
    void aThousandSendsAtOnceTakeTheirTimeAtTheRate() {
        SendPacing pacing = pacing(ONE_PER_TEN_SECONDS);
        Duration last = Duration.ZERO;
        for (int i = 0; i < 1000; i++) {
            last = pacing.reserve(NOW, Duration.ofDays(1)).orElseThrow();
        }
        assertThat(last).isEqualTo(Duration.ofSeconds(10 * 999));
    }
}
