package io.phonegate.devstack.bench;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CpuClockTest {

    /** What the busy thread spends of its own CPU before it is sampled. */
    private static final long BURN_NANOS = 150_000_000L;

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
        // The thread burns a fixed amount of its own CPU, then stays alive until it has been sampled: a sleep
        // here instead let a loaded machine sample after the thread had ended (it then takes its time with it).
        CountDownLatch burned = new CountDownLatch(1);
        CountDownLatch sampled = new CountDownLatch(1);
        Thread busy = new Thread(() -> {
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            long spin = 0;
            while (cpu.getCurrentThreadCpuTime() < BURN_NANOS) {
                spin++;
            }
            assertThat(spin).isPositive();
            burned.countDown();
            awaitQuietly(sampled);
        }, "cpu-clock-test-7");
        busy.start();
        try {
            assertThat(burned.await(30, TimeUnit.SECONDS)).isTrue();
            Map<Long, CpuClock.ThreadTime> after = CpuClock.allThreads(pid);

            assertThat(after.values()).extracting(CpuClock.ThreadTime::name).contains("cpu-clock-test-");
            // /proc counts in clock ticks, so allow one tick (10 ms) less than the thread burned.
            assertThat(CpuClock.spentByKind(before, after)).containsKey("cpu-clock-test")
                    .hasEntrySatisfying("cpu-clock-test", ms -> assertThat(ms).isGreaterThan(BURN_NANOS / 1e6 - 20));
        } finally {
            sampled.countDown();
            busy.join();
        }
    }

    @Test
    void theMachinesBusyTimeHoldsWhatThisJvmSpent() {
        CpuClock.MachineTime machineBefore = CpuClock.machine();
        double ownBefore = CpuClock.ownProcessMs();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long until = cpu.getCurrentThreadCpuTime() + BURN_NANOS;
        long spin = 0;
        while (cpu.getCurrentThreadCpuTime() < until) {
            spin++;
        }
        double ownSpent = CpuClock.ownProcessMs() - ownBefore;
        CpuClock.MachineTime machineAfter = CpuClock.machine();

        assertThat(spin).isPositive();
        assertThat(ownSpent).isGreaterThan(BURN_NANOS / 1e6 - 20);
        double busy = machineAfter.busyMs() - machineBefore.busyMs();
        // Ticks on both sides: allow two (20 ms) of rounding between the process's count and the machine's.
        assertThat(busy).isGreaterThan(ownSpent - 20);
        assertThat(machineAfter.totalMs() - machineBefore.totalMs()).isGreaterThanOrEqualTo(busy);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
