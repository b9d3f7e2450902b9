package io.phonegate.dispatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A dispatcher in a JVM of its own, started from this test run's classpath, so a test can kill it
 * as a crash does ({@code kill -9}: no shutdown hook, no commit, no report). A watchdog shell kills
 * it when the test JVM dies, so none outlives its test.
 */
final class DispatcherProcess implements AutoCloseable {

    private final String name;
    private final Path log;
    private final Process process;
    private final Process watchdog;

    private DispatcherProcess(String name, Path log, Process process, Process watchdog) {
        this.name = name;
        this.log = log;
        this.process = process;
        this.watchdog = watchdog;
    }

    /** @param settings Spring properties, passed as command-line arguments */
    static DispatcherProcess start(String name, Path log, Map<String, String> settings) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Daws.accessKeyId=test", "-Daws.secretAccessKey=test",
                "-cp", System.getProperty("java.class.path"), OtpDispatcherApplication.class.getName()));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            Process watchdog = new ProcessBuilder("/bin/sh", "-c", "while kill -0 " + ProcessHandle.current().pid()
                    + " 2>/dev/null && kill -0 " + process.pid() + " 2>/dev/null; do sleep 1; done; kill -9 " + process.pid()
                    + " 2>/dev/null").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return new DispatcherProcess(name, log, process, watchdog);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start dispatcher " + name, e);
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog.destroyForcibly();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The last lines of its log, for a failure message. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return name + " (" + log + "):\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return name + ": no log (" + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        kill();
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
