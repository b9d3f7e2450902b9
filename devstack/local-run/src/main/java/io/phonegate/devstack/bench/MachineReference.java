package io.phonegate.devstack.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How fast this machine is, in one number: the CPU time of a fixed piece of single-threaded work (hashing,
 * map inserts, a sort: what the services do between their calls), best of several runs after a warm-up.
 * The services' CPU per start moved by 30–45 % between two sessions' machines with the code unchanged;
 * printed with every benchmark, this tells a slower machine from a slower build.
 */
public final class MachineReference {

    private static final int WARM_UPS = 5;
    private static final int RUNS = 7;
    /** Where the work's results go, so the JIT cannot drop the work. */
    private static volatile long kept;

    private MachineReference() {
    }

    /** Prints the reference alone: {@code java -cp … io.phonegate.devstack.bench.MachineReference}. */
    public static void main(String[] args) {
        System.out.println("This machine: " + describe(measureMs()));
    }

    /** CPU milliseconds of the reference work on the calling thread, best of {@link #RUNS}. */
    static double measureMs() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < WARM_UPS; i++) {
            sink += work();
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            long before = threads.getCurrentThreadCpuTime();
            sink += work();
            best = Math.min(best, threads.getCurrentThreadCpuTime() - before);
        }
        kept = sink;
        return best / 1e6;
    }

    static String describe(double ms) {
        return String.format("%.0f ms of CPU for a fixed single-threaded piece of work (SHA-256 of 8 MB, 200,000 map"
                + " inserts, a sort of 500,000 longs; best of %d)", ms, RUNS);
    }

    /** The work; its result goes to {@link #kept}. */
    private static long work() {
        SplittableRandom random = new SplittableRandom(16);
        byte[] block = new byte[8 * 1024];
        random.nextBytes(block);
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < 1024; i++) {
            sha256.update(block);
        }
        long result = sha256.digest()[0];
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            map.put("key-" + random.nextInt(1_000_000), i);
        }
        result += map.size();
        long[] numbers = random.longs(500_000).toArray();
        Arrays.sort(numbers);
        return result + numbers[numbers.length / 2];
    }
}
