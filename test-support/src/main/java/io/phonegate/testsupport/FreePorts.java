package io.phonegate.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for servers a test (or the local stack on free ports) starts; tests never use fixed
 * ports. A port is handed out, then bound by a child process moments later: taken from the kernel's
 * ephemeral range (what {@code new ServerSocket(0)} gives), it may meanwhile become the local port of some
 * outgoing connection (a Kafka or Redis client's), and the server then fails with "address already in use"
 * (it happened to the benchmark's gateway). So ports come from below that range, where the kernel never picks
 * local ports for connections, each checked free and never handed out twice by this JVM.
 */
public final class FreePorts {

    /** Lowest port handed out: above the registered services most machines run. */
    private static final int LOWEST = 15_000;
    /** How many free ports below the ephemeral range are tried before falling back to the kernel's choice. */
    private static final int TRIES = 50;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int next() {
        int below = ephemeralRangeStart();
        if (below - LOWEST >= 1_000) {
            for (int i = 0; i < TRIES; i++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
                if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                    return port;
                }
            }
        }
        return kernelsChoice();
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int kernelsChoice() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HANDED_OUT.add(socket.getLocalPort());
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** Where Linux starts picking local ports for outgoing connections (32768 by default); 0 where unknown. */
    private static int ephemeralRangeStart() {
        try {
            // Not Files.readString: on this sysctl file it returned the first byte alone (JDK 17).
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).strip().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
