package io.phonegate.devstack.bench;

import io.phonegate.devstack.faults.LoadDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SocketStartsTest {

    private static final String BUSY = "{\"type\":\"https://phonegate.io/problems/busy\",\"status\":503}";

    private StandInGateway server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final Set<InetSocketAddress> clientPorts = ConcurrentHashMap.newKeySet();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A server that accepts even-numbered requests (202, a fixed length) and refuses the others (503, chunked). */
    private URI start() throws IOException {
        server = new StandInGateway(Map.of("/v1/auth/start", exchange -> {
            bodies.add(StandInGateway.body(exchange));
            clientPorts.add(exchange.getRemoteAddress());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (bodies.size() % 2 == 1) {
                byte[] ok = "{\"handle\":\"h\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(202, ok.length);
                exchange.getResponseBody().write(ok);
            } else {
                exchange.sendResponseHeaders(503, 0);
                exchange.getResponseBody().write(BUSY.getBytes(StandardCharsets.UTF_8));
            }
            exchange.close();
        }));
        return server.uri();
    }

    @Test
    void answersAreReadWhateverTheirFramingAndConnectionsAreKeptAlive() throws Exception {
        URI gateway = start();
        SocketStarts starts = new SocketStarts(Duration.ofSeconds(5));

        LoadDriver.Start first = starts.start(gateway, "+15550100001").get(10, TimeUnit.SECONDS);
        LoadDriver.Start second = starts.start(gateway, "+15550100002").get(10, TimeUnit.SECONDS);
        LoadDriver.Start third = starts.start(gateway, "+15550100003").get(10, TimeUnit.SECONDS);

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.accepted()).isTrue();
        assertThat(first.failure()).isNull();
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.failure()).isEqualTo("busy");
        assertThat(third.status()).isEqualTo(202);
        assertThat(bodies).containsExactly(LoadDriver.startBody("+15550100001"), LoadDriver.startBody("+15550100002"),
                LoadDriver.startBody("+15550100003"));
        // One after the other: each went over the connection the one before left idle.
        assertThat(clientPorts).hasSize(1);
        assertThat(first.answeredAt()).isAfterOrEqualTo(first.sentAt());
    }

    @Test
    void aKeptAliveConnectionTheServerClosedIsReplacedWithoutLosingTheStart() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Answers one request per connection, keeps the connection as if alive, then closes it unannounced.
            Thread serverThread = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (Socket socket = listener.accept()) {
                        readRequest(socket.getInputStream());
                        OutputStream out = socket.getOutputStream();
                        out.write("HTTP/1.1 202 \r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            serverThread.setDaemon(true);
            serverThread.start();
            URI gateway = URI.create("http://127.0.0.1:" + listener.getLocalPort());
            SocketStarts starts = new SocketStarts(Duration.ofSeconds(5));

            assertThat(starts.start(gateway, "+15550100001").get(10, TimeUnit.SECONDS).status()).isEqualTo(202);
            assertThat(starts.start(gateway, "+15550100002").get(10, TimeUnit.SECONDS).status()).isEqualTo(202);
        }
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsAFailureNotAHang() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI gateway = URI.create("http://127.0.0.1:" + silent.getLocalPort());

            LoadDriver.Start start = new SocketStarts(Duration.ofMillis(300)).start(gateway, "+15550100001")
                    .get(10, TimeUnit.SECONDS);

            assertThat(start.status()).isZero();
            assertThat(start.failure()).isEqualTo("SocketTimeoutException");
        }
    }

    @Test
    void anAnswerThatIsNotHttpIsAFailureNotAHang() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread serverThread = new Thread(() -> {
                try (Socket socket = listener.accept()) {
                    readRequest(socket.getInputStream());
                    socket.getOutputStream().write("HTTP/1.1 abc\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    socket.getInputStream().read();
                } catch (IOException e) {
                    // the client closed: done
                }
            });
            serverThread.setDaemon(true);
            serverThread.start();

            LoadDriver.Start start = new SocketStarts(Duration.ofSeconds(5))
                    .start(URI.create("http://127.0.0.1:" + listener.getLocalPort()), "+15550100001").get(10, TimeUnit.SECONDS);

            assertThat(start.status()).isZero();
            assertThat(start.failure()).isEqualTo("NumberFormatException");
        }
    }

    @Test
    void aRefusedConnectionIsAFailure() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }

        LoadDriver.Start start = new SocketStarts(Duration.ofSeconds(1))
                .start(URI.create("http://127.0.0.1:" + closedPort), "+15550100001").get(10, TimeUnit.SECONDS);

        assertThat(start.status()).isZero();
        assertThat(start.failure()).isEqualTo("ConnectException");
    }

    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            head.append((char) b);
        }
        int at = head.indexOf("Content-Length: ") + "Content-Length: ".length();
        int length = Integer.parseInt(head.substring(at, head.indexOf("\r\n", at)));
        in.readNBytes(length);
    }
}
