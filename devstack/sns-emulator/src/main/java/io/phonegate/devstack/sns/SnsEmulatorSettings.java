package io.phonegate.devstack.sns;

/**
 * How to run an {@link SnsEmulator}.
 *
 * @param host          the loopback address to bind (the emulator is for development machines only)
 * @param port          {@link #DEFAULT_PORT} for the local run; 0 picks a free port (tests)
 * @param threads       request threads; injected latency sleeps in them, so this bounds
 *                      throughput at {@code threads / latency} (512 threads at 100 ms ≈ 5,000 requests/s)
 * @param inboxCapacity messages kept; the oldest are dropped first so a long run cannot exhaust memory
 */
public record SnsEmulatorSettings(String host, int port, int threads, int inboxCapacity) {

    public static final int DEFAULT_PORT = 9230;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_THREADS = 512;
    public static final int DEFAULT_INBOX_CAPACITY = 100_000;

    public SnsEmulatorSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535, was " + port);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (inboxCapacity < 1) {
            throw new IllegalArgumentException("inboxCapacity must be at least 1, was " + inboxCapacity);
        }
    }

    /** The local-run contract: {@code 127.0.0.1:9230}. */
    public static SnsEmulatorSettings defaults() {
        return new SnsEmulatorSettings(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_THREADS, DEFAULT_INBOX_CAPACITY);
    }

    /** For tests: a free loopback port. */
    public static SnsEmulatorSettings onFreePort() {
        return defaults().withPort(0);
    }

    public SnsEmulatorSettings withPort(int newPort) {
        return new SnsEmulatorSettings(host, newPort, threads, inboxCapacity);
    }
}
