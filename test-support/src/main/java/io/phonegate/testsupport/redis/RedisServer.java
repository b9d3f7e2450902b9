package io.phonegate.testsupport.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (Debian's package, Redis 7 or Valkey) as a child process on a
 * loopback port. Used by the tests ({@link RealRedis}), the local run and the fault suite, which
 * also {@link #kill()} and {@link #restart()} it on the same port. It keeps an append-only file in
 * the log file's folder, as a production Redis keeps its data through a restart (persistence or a
 * replica): a killed server comes back with every write it acknowledged. The file is written before each
 * reply and left to the OS to sync ({@code appendfsync no}), so a killed process (what the fault suite
 * does) loses nothing, as the Kafka broker's page cache loses nothing; only the machine's crash would. With
 * {@code everysec} Redis postpones writing the file, while still replying, as long as a background fsync is
 * slow: on a loaded machine a {@code kill -9} most likely took an answered mark the gateway had been told
 * was stored (CI, redis-kill: a {@code 202} whose code was withdrawn; the mark was missing from the file and
 * no failure was logged for it). What losing the last writes does in
 * production (a failover) is in docs/production.md, "Redis".
 *
 * <p>A watchdog shell stops the server when this JVM dies, even by {@code kill -9}, so no
 * server outlives the process that started it.
 */
public final class RedisServer implements AutoCloseable {

    /** Where the binary is, when it is not {@code redis-server} on the PATH. */
    public static final String BINARY_ENV = "PHONEGATE_REDIS_SERVER";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String binary;
    private final int port;
    private final Path logFile;
    private Process process;
    private Process watchdog;

    private RedisServer(String binary, int port, Path logFile) {
        this.binary = binary;
        this.port = port;
        this.logFile = logFile;
    }

    /**
     * Starts a server and returns once it answers and has loaded its data.
     *
     * @param port    loopback port; the caller picks a free one
     * @param logFile where the server's own output goes
     * @throws IllegalStateException when no {@code redis-server} is installed, saying how to install it
     */
    public static RedisServer start(int port, Path logFile) {
        RedisServer server = new RedisServer(binary(), port, logFile);
        server.forgetData();
        server.launch();
        return server;
    }

    /** The binary to run: {@value #BINARY_ENV} if set, else {@code redis-server} from the PATH. */
    public static String binary() {
        String configured = System.getenv(BINARY_ENV);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(":")) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("redis-server is not installed: install Debian's package "
                + "(sudo apt-get install redis-server) or set " + BINARY_ENV + " to the binary; "
                + "./run-tests.sh and ./run-local.sh install it when run as root");
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}, what {@code spring.data.redis.url} takes. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the server at once (SIGKILL), as a crash would; {@link #restart()} brings it back with its data. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
        }
    }

    /** Starts the server again on the same port after {@link #kill()} or {@link #stop()}. */
    public synchronized void restart() {
        if (isRunning()) {
            return;
        }
        stopWatchdog();
        launch();
    }

    /** Stops the server gracefully (SIGTERM). */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(process)) {
                process.destroyForcibly();
                waitFor(process);
            }
        }
        stopWatchdog();
    }

    /** Deletes every key, so test classes sharing one server start clean. */
    public void flushAll() {
        String reply = command("FLUSHALL");
        if (!reply.startsWith("+OK")) {
            throw new IllegalStateException("FLUSHALL answered " + reply);
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "redis-server on 127.0.0.1:" + port;
    }

    private synchronized void launch() {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            List<String> command = new ArrayList<>(List.of(binary,
                    "--port", String.valueOf(port), "--bind", "127.0.0.1", "--protected-mode", "yes",
                    "--save", "", "--appendonly", "yes", "--appendfsync", "no", "--daemonize", "no",
                    "--dir", logFile.toAbsolutePath().getParent().toString()));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            watchdog = new ProcessBuilder("/bin/sh", "-c",
                    "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null && kill -0 " + process.pid()
                            + " 2>/dev/null; do sleep 1; done; kill -9 " + process.pid() + " 2>/dev/null")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            awaitPong();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + binary, e);
        }
    }

    /** A fresh server starts empty, whatever an earlier one left in the folder. */
    private void forgetData() {
        Path data = logFile.toAbsolutePath().getParent().resolve("appendonlydir");
        if (Files.isDirectory(data)) {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("could not remove " + data, e);
            }
        }
    }

    private void awaitPong() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(binary + " exited with " + process.exitValue() + " on port " + port
                        + "; see " + logFile);
            }
            try {
                if (ready(command("INFO"), process.pid())) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // still starting
            }
            sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException(binary + " did not answer on port " + port + " within " + START_TIMEOUT);
    }

    /**
     * Whether an INFO reply is our server's ({@code pid}), not another one that already held the port, and done loading
     * its data: a restarted server answers INFO at once but refuses commands with {@code -LOADING} until its
     * append-only file is read. The field is matched whole, line break first: {@code async_loading:0} ends with
     * {@code loading:0} while the server still loads (a CI run met that {@code -LOADING}).
     */
    static boolean ready(String info, long pid) {
        return info.contains("\nprocess_id:" + pid + "\r\n") && info.contains("\nloading:0\r\n");
    }

    /** One command over RESP; answers a simple reply's line, or a bulk reply's text. */
    private String command(String... words) {
        StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            request.append('$').append(word.length()).append("\r\n").append(word).append("\r\n");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String first = readLine(in);
            if (!first.startsWith("$")) {
                return first;
            }
            byte[] bulk = in.readNBytes(Integer.parseInt(first.substring(1)));
            return new String(bulk, StandardCharsets.UTF_8);
        } catch (IOException | NumberFormatException e) {
            throw new UncheckedIOException(e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString().strip();
    }

    private void stopWatchdog() {
        if (watchdog != null) {
            watchdog.destroyForcibly();
            waitFor(watchdog);
            watchdog = null;
        }
    }

    private static boolean waitFor(Process process) {
        try {
            return process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }
}
