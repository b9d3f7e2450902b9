package io.phonegate.common.timeouts;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CallTimeoutsTest {

    @Test
    void aCancelledTimeoutLeavesTheQueueAtOnce() {
        try (CallTimeouts timeouts = new CallTimeouts("test-call-timeouts")) {
            List<ScheduledFuture<?>> armed = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                armed.add(timeouts.scheduler().schedule(() -> { }, 1, TimeUnit.HOURS));
            }
            armed.forEach(timeout -> timeout.cancel(false));

            assertThat(((ScheduledThreadPoolExecutor) timeouts.scheduler()).getQueue())
                    .as("nothing left for the scheduler's thread to wake up for").isEmpty();
        }
    }

    @Test
    void aTimeoutNobodyCancelsFires() throws InterruptedException {
        try (CallTimeouts timeouts = new CallTimeouts("test-call-timeouts")) {
            CountDownLatch fired = new CountDownLatch(1);
            timeouts.scheduler().schedule(fired::countDown, 10, TimeUnit.MILLISECONDS);

            assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void closingStopsItsThread() {
        CallTimeouts timeouts = new CallTimeouts("test-call-timeouts");
        timeouts.scheduler().schedule(() -> { }, 1, TimeUnit.HOURS);

        timeouts.close();

        assertThat(timeouts.scheduler().isShutdown()).isTrue();
    }
}
