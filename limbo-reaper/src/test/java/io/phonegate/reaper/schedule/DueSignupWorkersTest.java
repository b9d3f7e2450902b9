package io.phonegate.reaper.schedule;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DueSignupWorkersTest {

    private static final CapacityListener IGNORE = new CapacityListener() {
        @Override
        public void full() {
        }

        @Override
        public void belowCapacity() {
        }
    };

    @Test
    void signupWhoseHandlingFailedIsTriedAgainAfterTheRetryDelayAndThenReleased() {
        Clock clock = Clock.systemUTC();
        PendingSignups pending = new PendingSignups(Duration.ZERO.plusMillis(1), 10, IGNORE, clock);
        AtomicInteger attempts = new AtomicInteger();
        DueSignupWorkers workers = new DueSignupWorkers(pending, signup -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("Cognito unavailable");
            }
        }, 2, Duration.ofMillis(50), clock);
        PendingSignupsTest.CountingReceipt receipt = new PendingSignupsTest.CountingReceipt();
        pending.schedule(PendingSignupsTest.request("+919876543210", "sub-1", Instant.now()), receipt);

        workers.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> receipt.releases.get() == 1);
        } finally {
            workers.stop();
        }

        assertThat(attempts.get()).isEqualTo(3);
        assertThat(pending.size()).isZero();
        assertThat(workers.isRunning()).isFalse();
    }
}
