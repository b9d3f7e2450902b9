package io.phonegate.devstack.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CpuClockTest {

    @Test
    void threadsOfOneKindCountTogetherWhateverTheirNumbers() {
        assertThat(CpuClock.kind("http-nio-23189-")).isEqualTo("http-nio");
        assertThat(CpuClock.kind("http-nio-8080-exec-12")).isEqualTo("http-nio-exec");
        assertThat(CpuClock.kind("kafka-producer-")).isEqualTo("kafka-producer");
        assertThat(CpuClock.kind("dispatch-117")).isEqualTo("dispatch");
        assertThat(CpuClock.kind("GC Thread#0")).isEqualTo("GC Thread");
        assertThat(CpuClock.kind("C2 CompilerThre")).isEqualTo("C# CompilerThre");
        assertThat(CpuClock.kind("lettuce-epollEv")).isEqualTo("lettuce-epollEv");
        assertThat(CpuClock.kind("42")).isEqualTo("42");
    }

    @Test
    void theCpuAThreadSpendsIsCountedUnderItsKind() throws InterruptedException {
        long pid = ProcessHandle.current().pid();
        Map<Long, CpuClock.ThreadTime> before = CpuClock.allThreads(pid);
        Thread busy = new Thread(() -> {
            long until = System.nanoTime() + 300_000_000L;
            long spin = 0;
            while (System.nanoTime() < until) {
                spin++;
            }
            assertThat(spin).isPositive();
        }, "cpu-clock-test-7");
        busy.start();
        Thread.sleep(250);
        Map<Long, CpuClock.ThreadTime> after = CpuClock.allThreads(pid);
        busy.join();

        assertThat(after.values()).extracting(CpuClock.ThreadTime::name).contains("cpu-clock-test-");
        // A thread new since "before" counts from 0; it has spun for most of the 250 ms (a busy machine gives it less).
        assertThat(CpuClock.spentByKind(before, after)).containsKey("cpu-clock-test")
                .hasEntrySatisfying("cpu-clock-test", ms -> assertThat(ms).isGreaterThan(20));
    }
}
