package io.phonegate.dispatcher.store;

import io.phonegate.dispatcher.Workers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outage's rules, with a probe the test answers (the Redis probe is tested with the Redis stores). */
class StoreOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Workers workers = new Workers(4);
    private final AtomicBoolean reachable = new AtomicBoolean(false);
    private final AtomicInteger probes = new AtomicInteger();
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final StoreOutage outage = new StoreOutage(() -> {
        probes.incrementAndGet();
        return reachable.get();
    }, workers, List.of(new StoreOutage.Listener() {
        @Override
        public void storeDown() {
            told.add("down");
        }

        @Override
        public void storeBack() {
            told.add("back");
        }
    }));

    @AfterEach
    void stop() {
        workers.close();
    }

    @Test
    void stepsWaitWhileTheStoreIsAwayAndAllRunOnceItAnswers() {
        AtomicInteger ran = new AtomicInteger();

        outage.retryWhenBack(ran::incrementAndGet, failure());
        outage.retryWhenBack(ran::incrementAndGet, failure());
        await().atMost(WAIT).until(() -> probes.get() >= 3);

        assertThat(ran).hasValue(0);
        assertThat(outage.down()).isTrue();
        assertThat(outage.waiting()).isEqualTo(2);
        assertThat(told).containsExactly("down");

        reachable.set(true);
        await().atMost(WAIT).until(() -> ran.get() == 2);
        assertThat(told).containsExactly("down", "back");
        assertThat(outage.down()).isFalse();
        assertThat(outage.waiting()).isZero();
    }

    @Test
    void aProbeThatThrowsCountsAsUnreachable() {
        StoreOutage throwing = new StoreOutage(() -> {
            probes.incrementAndGet();
            if (!reachable.get()) {
                throw new IllegalStateException("connection refused");
            }
            return true;
        }, workers, List.of());
        AtomicInteger ran = new AtomicInteger();

        throwing.retryWhenBack(ran::incrementAndGet, failure());
        await().atMost(WAIT).until(() -> probes.get() >= 2);
        assertThat(ran).hasValue(0);

        reachable.set(true);
        await().atMost(WAIT).until(() -> ran.get() == 1);
    }

    @Test
    void probesSlowDownToTheLongestPauseWhileTheOutageLasts() {
        outage.retryWhenBack(() -> { }, failure());
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).until(() -> probes.get() >= 7);

        // 100 + 200 + 400 + 800 + 1000 + 1000 ms at least before the seventh probe: growing pauses, then one a second.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(3_400));
    }

    private static StoreUnavailableException failure() {
        return new StoreUnavailableException("claim", new IllegalStateException("test"));
    }
}
