package io.phonegate.testsupport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

    @Test
    void portsAreFreeNeverRepeatedAndBelowTheRangeOutgoingConnectionsUse() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int ephemeralStart = Files.isReadable(range)
                ? Integer.parseInt(Files.readAllLines(range).get(0).strip().split("\\s+")[0]) : Integer.MAX_VALUE;
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = FreePorts.next();
            assertThat(seen.add(port)).as("handed out once: %d", port).isTrue();
            if (ephemeralStart >= 16_000) {
                assertThat(port).as("no client connection can be given it meanwhile").isLessThan(ephemeralStart);
            }
            try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(bound.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
