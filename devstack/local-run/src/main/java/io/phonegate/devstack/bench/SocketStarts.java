package io.phonegate.devstack.bench;

import io.phonegate.devstack.faults.LoadDriver;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The benchmark's starts, sent over plain HTTP/1.1 keep-alive sockets: one blocking thread per start in flight
 * (a blocked thread costs no CPU), the request written in one piece, the answer's status line, headers and body
 * read as they come. The JDK's HTTP client cost the driver 0.5–1.3 ms of CPU per start (and its JVM's GC and
 * JIT about as much again), on the same two cores as the stack it measures; at three times the rate the stack
 * sustains, a quarter of the machine. On a real deployment the clients run elsewhere; this costs 0.1–0.3 ms.
 *
 * <p>A kept-alive connection the gateway closed meanwhile (its keep-alive timeout) fails on its first read with
 * nothing read; that start is sent once more on a new connection. A gateway that closes an idle connection has
 * not read the request; one that stops mid-request could have, which is why the fault suite, which stops
 * gateways, keeps the JDK's client, and this driver is the benchmark's alone.
 */
public final class SocketStarts implements LoadDriver.Sender {

    private static final int CONNECT_TIMEOUT_MILLIS = 1000;

    private final int readTimeoutMillis;
    private final ExecutorService threads = Executors.newCachedThreadPool(LoadDriver.daemon("load-socket"));
    private final Map<String, ConcurrentLinkedDeque<Connection>> idle = new ConcurrentHashMap<>();

    /** @param timeout how long a start waits for its answer, as the client library's timeout */
    public SocketStarts(Duration timeout) {
        this.readTimeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    @Override
    public CompletableFuture<LoadDriver.Start> start(URI gateway, String phone) {
        return post(gateway, "/v1/auth/start", LoadDriver.startBody(phone), phone);
    }

    /**
     * Verifies over the same connections, as the start's client would send them: {@code bodyOf} gives each number's
     * body ({@code phone}, {@code challenge}, {@code code}).
     */
    public LoadDriver.Sender verifies(Function<String, String> bodyOf) {
        return (gateway, phone) -> post(gateway, "/v1/auth/verify", bodyOf.apply(phone), phone);
    }

    private CompletableFuture<LoadDriver.Start> post(URI gateway, String path, String body, String phone) {
        Instant sentAt = Instant.now();
        CompletableFuture<LoadDriver.Start> answer = new CompletableFuture<>();
        threads.execute(() -> answer.complete(exchange(gateway, request(gateway, path, body), phone, sentAt)));
        return answer;
    }

    /** Never throws: whatever goes wrong (an I/O failure, an answer that is not HTTP) is a request with status 0. */
    private LoadDriver.Start exchange(URI gateway, byte[] request, String phone, Instant sentAt) {
        ConcurrentLinkedDeque<Connection> pool = idle.computeIfAbsent(gateway.getAuthority(), a -> new ConcurrentLinkedDeque<>());
        Connection connection = pool.pollFirst();
        try {
            if (connection != null) {
                try {
                    return finish(pool, connection, connection.exchange(request), phone, sentAt);
                } catch (ClosedBeforeAnswerException e) {
                    // Closed while idle: the request never reached a server; once more on a new connection.
                    connection.close();
                }
            }
            connection = Connection.open(gateway, readTimeoutMillis);
            return finish(pool, connection, connection.exchange(request), phone, sentAt);
        } catch (IOException | RuntimeException e) {
            if (connection != null) {
                connection.close();
            }
            return new LoadDriver.Start(phone, sentAt, Instant.now(), 0, e.getClass().getSimpleName());
        }
    }

    private static LoadDriver.Start finish(ConcurrentLinkedDeque<Connection> pool, Connection connection, Answer answer,
                                           String phone, Instant sentAt) {
        Instant answeredAt = Instant.now();
        if (answer.keepAlive()) {
            pool.offerFirst(connection);
        } else {
            connection.close();
        }
        return LoadDriver.answered(phone, sentAt, answeredAt, answer.status(), answer.body());
    }

    static byte[] request(URI gateway, String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + gateway.getAuthority()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** An answer as read: its status, whether the connection may carry another request, its body. */
    record Answer(int status, boolean keepAlive, String body) {
    }

    /** The connection was closed before any byte of the answer came: on a reused one, the request never reached a server. */
    static final class ClosedBeforeAnswerException extends IOException {
        ClosedBeforeAnswerException(String message) {
            super(message);
        }
    }

    /** No connection within {@link #CONNECT_TIMEOUT_MILLIS}. */
    static final class ConnectTimeoutException extends IOException {
        ConnectTimeoutException() {
            super("no connection within " + CONNECT_TIMEOUT_MILLIS + " ms");
        }
    }

    /** One socket and its buffered input. */
    static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 4096);
            this.out = socket.getOutputStream();
        }

        static Connection open(URI gateway, int readTimeoutMillis) throws IOException {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(readTimeoutMillis);
                try {
                    socket.connect(new InetSocketAddress(gateway.getHost(), gateway.getPort()), CONNECT_TIMEOUT_MILLIS);
                } catch (SocketTimeoutException e) {
                    // Named apart from a read timeout: a full listen backlog drops the connection's SYN.
                    throw new ConnectTimeoutException();
                }
                return new Connection(socket);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        Answer exchange(byte[] request) throws IOException {
            int first;
            try {
                out.write(request);
                out.flush();
                first = in.read();
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                throw new ClosedBeforeAnswerException("closed before the answer: " + e.getMessage());
            }
            if (first < 0) {
                throw new ClosedBeforeAnswerException("closed before the answer");
            }
            String statusLine = (char) first + line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            boolean keepAlive = parts[0].equals("HTTP/1.1");
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> keepAlive = !value.equalsIgnoreCase("close");
                    default -> {
                    }
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    body.write(in.readNBytes(Math.toIntExact(size)));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers, if any
                }
            } else if (length >= 0) {
                byte[] bytes = in.readNBytes(Math.toIntExact(length));
                if (bytes.length < length) {
                    throw new IOException("answer cut short");
                }
                body.write(bytes);
            } else {
                body.write(in.readAllBytes());
                keepAlive = false;
            }
            return new Answer(status, keepAlive, body.toString(StandardCharsets.UTF_8));
        }

        /** A chunk's size line (hexadecimal, extensions after ';' ignored). */
        private long chunkSize() throws IOException {
            return Long.parseLong(line().split(";", 2)[0].trim(), 16);
        }

        /** One header line without its CRLF; fails on a connection closed mid-answer. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed mid-answer");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a socket we are done with: nothing to do
            }
        }
    }
}
