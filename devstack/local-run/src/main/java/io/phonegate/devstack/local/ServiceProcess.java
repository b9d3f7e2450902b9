package io.phonegate.devstack.local;

import io.phonegate.devstack.process.ChildJvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Phonegate service running from its jar ({@link ExtractedJar}) in its own JVM, its output in a log file.
 * It can be killed ({@code kill -9}, as a crash) and started again with the same settings and ports.
 * Its actuator (health, metrics) answers on its management port: for the gateway a port of its own,
 * for the dispatcher and the reaper (which serve no API) their one port.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final ProcessBuilder builder;
    private final int port;
    private final int managementPort;
    private final Path logFile;
    private volatile Process process;

    private ServiceProcess(String name, ProcessBuilder builder, int port, int managementPort, Path logFile) {
        this.name = name;
        this.builder = builder;
        this.port = port;
        this.managementPort = managementPort;
        this.logFile = logFile;
    }

    /**
     * @param port           its HTTP port ({@code SERVER_PORT})
     * @param managementPort its actuator's port ({@code MANAGEMENT_SERVER_PORT}); the same as {@code port}
     *                       for a service whose one port is its management port
     * @param env            settings for the service, on top of this process's environment
     */
    static ServiceProcess start(String name, Path jar, int port, int managementPort, List<String> jvmOptions,
                                Map<String, String> env, Path logFile) {
        requireJar(name, jar);
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.javaExecutable());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
        ServiceProcess service = new ServiceProcess(name, builder, port, managementPort, logFile);
        service.launch();
        return service;
    }

    /** Fails with what to do when a service has not been built. */
    static void requireJar(String name, Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": no runnable jar at " + jar
                    + " — build first: ./mvnw -B -DskipTests package");
        }
    }

    private synchronized void launch() {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Kills the JVM at once (SIGKILL): no shutdown hook, no graceful stop, as a crash. */
    public synchronized void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the service again, same settings and ports, after {@link #kill()} or {@link #close()}. */
    public synchronized void restart() {
        if (!process.isAlive()) {
            launch();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Where its actuator answers ({@code /actuator/health}, {@code /actuator/prometheus}). */
    public int managementPort() {
        return managementPort;
    }

    public Path logFile() {
        return logFile;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The actuator's base: {@code managementUri().resolve("/actuator/prometheus")}. */
    public URI managementUri() {
        return URI.create("http://127.0.0.1:" + managementPort);
    }

    /** Waits until the service's readiness probe (on its management port) answers 200; fails early if the process exits. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest probe = HttpRequest.newBuilder(managementUri().resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (true) {
            Process process = this.process;
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; its log "
                        + logFile + " ends with:\n" + ChildJvm.logTail(logFile, 40));
            }
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " was not ready within " + timeout + "; its log "
                        + logFile + " ends with:\n" + ChildJvm.logTail(logFile, 40));
            }
            sleep(250);
        }
    }

    /** SIGTERM (Spring shuts down gracefully), then SIGKILL after 20 s. */
    @Override
    public synchronized void close() {
        ChildJvm.stop(process, STOP_TIMEOUT);
    }

    @Override
    public String toString() {
        return port == managementPort ? name + " on " + port : name + " on " + port + " (management " + managementPort + ")";
    }


    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
