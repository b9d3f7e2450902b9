package io.phonegate.dispatcher.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SendRateTest {

    private final AtomicLong nanos = new AtomicLong();
    private final SendRate rate = new SendRate(20, nanos::get);

    @Test
    void oneSecondOfTokensGoesAtOnce() {
        for (int i = 0; i < 20; i++) {
            assertThat(rate.reserve(Duration.ZERO)).contains(Duration.ZERO);
        }
    }

    @Test
    void beyondTheRateReservationsQueueOneIntervalApart() {
        drain();

        assertThat(rate.reserve(Duration.ofMinutes(1))).contains(Duration.ofMillis(50));
        assertThat(rate.reserve(Duration.ofMinutes(1))).contains(Duration.ofMillis(100));
    }

    @Test
    void reservationThatWouldComeTooLateIsNotTakenAndCostsNothing() {
        drain();

        assertThat(rate.reserve(Duration.ofMillis(49))).isEmpty();
        assertThat(rate.reserve(Duration.ofMillis(50))).contains(Duration.ofMillis(50));
    }

    @Test
    void tokensRefillWithTime() {
        drain();
        nanos.addAndGet(Duration.ofMillis(100).toNanos());

        assertThat(rate.reserve(Duration.ZERO)).contains(Duration.ZERO);
        assertThat(rate.reserve(Duration.ZERO)).contains(Duration.ZERO);
        assertThat(rate.reserve(Duration.ZERO)).isEmpty();
    }

    private void drain() {
        for (int i = 0; i < 20; i++) {
            rate.reserve(Duration.ZERO);
        }
    }
}
