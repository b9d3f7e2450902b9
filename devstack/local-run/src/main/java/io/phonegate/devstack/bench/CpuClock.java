package io.phonegate.devstack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time (user + system) from {@code /proc}: of a whole process, and of this JVM's threads whose names
 * start with given prefixes (the emulators run in the benchmark's own JVM, next to its load driver).
 * Linux only; {@code /proc} counts in clock ticks (100 per second here).
 */
final class CpuClock {

    private static final double MS_PER_TICK = 1000.0 / clockTicksPerSecond();

    private CpuClock() {
    }

    /** CPU milliseconds the process has used so far; 0 when it is gone. */
    static double processMs(long pid) {
        return ticksOf(Path.of("/proc", String.valueOf(pid), "stat")) * MS_PER_TICK;
    }

    /** CPU milliseconds used so far by each live thread of this JVM whose name starts with one of {@code prefixes}. */
    static Map<Long, Double> ownThreadsMs(List<String> prefixes) {
        return threadsMs("self", prefixes);
    }

    /** The same for the threads of process {@code pid} (e.g. its JIT compiler threads); empty when it is gone. */
    static Map<Long, Double> threadsMs(long pid, List<String> prefixes) {
        try {
            return threadsMs(String.valueOf(pid), prefixes);
        } catch (IllegalStateException e) {
            return Map.of();
        }
    }

    private static Map<Long, Double> threadsMs(String process, List<String> prefixes) {
        Map<Long, Double> threads = new HashMap<>();
        threads(process).forEach((id, thread) -> {
            if (prefixes.stream().anyMatch(thread.name()::startsWith)) {
                threads.put(id, thread.ms());
            }
        });
        return threads;
    }

    /** A thread's name (as {@code /proc} gives it: cut at 15 characters) and its CPU milliseconds so far. */
    record ThreadTime(String name, double ms) {
    }

    /** Every live thread of process {@code pid}, by thread id; empty when it is gone. */
    static Map<Long, ThreadTime> allThreads(long pid) {
        try {
            return threads(String.valueOf(pid));
        } catch (IllegalStateException e) {
            return Map.of();
        }
    }

    private static Map<Long, ThreadTime> threads(String process) {
        Map<Long, ThreadTime> threads = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", process, "task"))) {
            tasks.forEach(task -> {
                try {
                    threads.put(Long.parseLong(task.getFileName().toString()),
                            new ThreadTime(Files.readString(task.resolve("comm")).strip(), ticksOf(task.resolve("stat")) * MS_PER_TICK));
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we looked
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + process + "/task (the benchmark needs Linux)", e);
        }
        return threads;
    }

    /**
     * CPU the threads of {@code after} used since {@code before}, summed by kind: the name with its numbers and
     * trailing separators dropped ({@code http-nio-8080-exec-12} and {@code http-nio-8080-} both count as
     * {@code http-nio}). A thread that ended in between takes its time with it.
     */
    static Map<String, Double> spentByKind(Map<Long, ThreadTime> before, Map<Long, ThreadTime> after) {
        Map<String, Double> kinds = new HashMap<>();
        after.forEach((id, now) -> {
            ThreadTime then = before.get(id);
            kinds.merge(kind(now.name()), now.ms() - (then == null ? 0 : then.ms()), Double::sum);
        });
        return kinds;
    }

    static String kind(String threadName) {
        String kind = threadName.replaceAll("[0-9]+", "#").replaceAll("(-#)+", "").replaceAll("[-#_ ]+$", "");
        return kind.isEmpty() ? threadName : kind;
    }

    /** This JVM's whole CPU milliseconds so far (every thread, the JIT and GC included). */
    static double ownProcessMs() {
        return ticksOf(Path.of("/proc/self/stat")) * MS_PER_TICK;
    }

    /**
     * The whole machine's CPU milliseconds so far, summed over its cores, from {@code /proc/stat}: busy (user,
     * nice, system, irq, softirq, steal) and in all (idle and iowait too).
     */
    record MachineTime(double busyMs, double totalMs) {
    }

    static MachineTime machine() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long busy = 0;
            long total = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                long ticks = Long.parseLong(f[i]);
                total += ticks;
                if (i != 4 && i != 5) { // 4 idle, 5 iowait
                    busy += ticks;
                }
            }
            return new MachineTime(busy * MS_PER_TICK, total * MS_PER_TICK);
        } catch (IOException | RuntimeException e) {
            return new MachineTime(0, 0);
        }
    }

    /** CPU the threads of {@code after} used since {@code before} (a thread new since then counts from 0). */
    static double spentMs(Map<Long, Double> before, Map<Long, Double> after) {
        return after.entrySet().stream().mapToDouble(e -> e.getValue() - before.getOrDefault(e.getKey(), 0.0)).sum();
    }

    private static long ticksOf(Path stat) {
        try {
            String line = Files.readString(stat);
            // Fields after the command name (in brackets, which may hold spaces): state is 3rd, utime 14th, stime 15th.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).strip();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
