package io.phonegate.devstack.local;

import io.phonegate.devstack.process.ChildJvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * A service's runnable jar extracted into plain jars ({@code java -Djarmode=tools -jar … extract}), which is
 * what the services' images run. Spring Boot's loader of jars nested in a jar costs a JVM a third of its
 * start's CPU: on a 2-core machine a gateway took 17 s of CPU to start from the runnable jar, 10-11 s
 * extracted, and the local run, the tests and the fault suite start every service several times over.
 *
 * <p>Extracted once per build, into {@code <module>/target/startup/} beside the jar (a second or two); a jar
 * rebuilt since with other contents is extracted again, over the old extraction: stop a stack still
 * running from it first (its JVMs may yet open a jar they have not read). A lock file keeps two stacks
 * started from one checkout at the same time from extracting the same jar at once.
 */
final class ExtractedJar {

    private static final Map<Path, Object> EXTRACTING = new ConcurrentHashMap<>();

    private ExtractedJar() {
    }

    /** The extracted form of {@code execJar}, extracting it first when it is missing or from an older build. */
    static Path of(String module, Path execJar) {
        ServiceProcess.requireJar(module, execJar);
        Path dir = execJar.toAbsolutePath().resolveSibling("startup");
        // The file lock keeps other processes out, the monitor this one's other threads (a JVM holds one lock a file).
        synchronized (EXTRACTING.computeIfAbsent(dir, key -> new Object())) {
            try {
                Files.createDirectories(dir);
                try (FileChannel lockFile = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                    return extracted(module, execJar, dir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not extract " + execJar + " into " + dir, e);
            }
        }
    }

    private static Path extracted(String module, Path execJar, Path dir) throws IOException {
        Path builtFrom = dir.resolve("built-from");
        String build = contents(execJar);
        Path jar = dir.resolve("extracted").resolve(execJar.getFileName());
        if (Files.isRegularFile(jar) && Files.isRegularFile(builtFrom) && Files.readString(builtFrom).equals(build)) {
            return jar;
        }
        deleteAllBut(dir, dir.resolve("lock"));
        Path log = dir.resolve("extract.log");
        Path extracting = dir.resolve("extracting");
        Process process = new ProcessBuilder(ChildJvm.javaExecutable(), "-Djarmode=tools", "-jar", execJar.toString(),
                "extract", "--destination", extracting.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                ChildJvm.stop(process, Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while extracting " + module + "'s jar", e);
        }
        if (process.isAlive() || process.exitValue() != 0) {
            throw new IllegalStateException(module + "'s jar " + execJar + " could not be extracted; " + log
                    + " ends with:\n" + ChildJvm.logTail(log, 20));
        }
        Files.move(extracting, jar.getParent(), StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(builtFrom, build);
        return jar;
    }

    /**
     * What the jar holds, from its central directory: every entry's name, size and CRC, digested. Not the file's
     * time or size: the build is reproducible (every jar carries {@code project.build.outputTimestamp} as its
     * time), and a small change can leave a compressed jar the same size.
     */
    static String contents(Path jar) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().forEach(entry -> digest.update((entry.getName() + ' ' + entry.getSize() + ' ' + entry.getCrc() + '\n')
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void deleteAllBut(Path dir, Path keep) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(dir) && !path.equals(keep)) {
                    Files.delete(path);
                }
            }
        }
    }
}
