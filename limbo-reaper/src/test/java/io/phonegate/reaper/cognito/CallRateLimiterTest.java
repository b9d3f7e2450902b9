package io.phonegate.reaper.cognito;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class CallRateLimiterTest {

    @Test
    void callsAreSpacedOneIntervalApartWithoutABurst() throws Exception {
        AtomicLong now = new AtomicLong(0);
        List<Long> callTimes = new ArrayList<>();
        CallRateLimiter limiter = new CallRateLimiter(10, now::get, now::addAndGet);

        for (int i = 0; i < 5; i++) {
            limiter.acquire();
            callTimes.add(now.get());
        }

        long interval = TimeUnit.MILLISECONDS.toNanos(100);
        assertThat(callTimes).containsExactly(0L, interval, 2 * interval, 3 * interval, 4 * interval);
    }

    @Test
    void idleTimeIsNotSavedUpForALaterBurst() throws Exception {
        AtomicLong now = new AtomicLong(0);
        CallRateLimiter limiter = new CallRateLimiter(10, now::get, now::addAndGet);
        now.set(TimeUnit.SECONDS.toNanos(5));

        limiter.acquire();
        long first = now.get();
        limiter.acquire();

        assertThat(now.get() - first).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void callsFromManyThreadsShareOneRate() throws Exception {
        CallRateLimiter limiter = new CallRateLimiter(40);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 41; i++) {
                calls.add(threads.submit(() -> {
                    limiter.acquire();
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
}
