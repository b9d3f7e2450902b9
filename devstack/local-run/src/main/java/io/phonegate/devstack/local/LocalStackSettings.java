package io.phonegate.devstack.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where the local stack runs and what the services are told.
 *
 * @param repoRoot     the checkout, where each service's runnable jar is found
 * @param workDir      broker data and every process's log (under {@code logs/})
 * @param ports        where each part listens; 0 picks a free port
 * @param serviceEnv   settings for every service, on top of the stack's own wiring
 *                     (so {@code PHONEGATE_REAPER_TTL=10s} from the caller reaches the reaper)
 * @param jvmOptions   options for each service JVM
 * @param readyTimeout how long the services may take to report ready
 * @param partitions   partitions of each topic the stack creates
 */
public record LocalStackSettings(Path repoRoot, Path workDir, Ports ports, Map<String, String> serviceEnv,
                                 List<String> jvmOptions, Duration readyTimeout, int partitions) {

    /** DESIGN's "Local defaults". */
    public record Ports(int gateway, int dispatcher, int reaper, int cognito, int sns, int kafka) {

        public static Ports localDefaults() {
            return new Ports(8080, 8081, 8082, 9229, 9230, 9092);
        }

        public static Ports free() {
            return new Ports(0, 0, 0, 0, 0, 0);
        }
    }

    /** Small heaps and a quick JIT: three services and a broker share a laptop (or a 2-core CI machine). */
    public static final List<String> DEFAULT_JVM_OPTIONS =
            List.of("-Xms64m", "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

    public LocalStackSettings {
        serviceEnv = Map.copyOf(serviceEnv);
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** The one-command local run: fixed ports, work folder {@code .devstack/} in the checkout. */
    public static LocalStackSettings localDefaults(Path repoRoot, Map<String, String> serviceEnv) {
        return new LocalStackSettings(repoRoot, repoRoot.resolve(".devstack"), Ports.localDefaults(), serviceEnv,
                DEFAULT_JVM_OPTIONS, Duration.ofSeconds(120), 6);
    }

    /** Tests: free ports everywhere, their own work folder. */
    public static LocalStackSettings forTests(Path repoRoot, Path workDir, Map<String, String> serviceEnv) {
        return new LocalStackSettings(repoRoot, workDir, Ports.free(), serviceEnv, DEFAULT_JVM_OPTIONS,
                Duration.ofSeconds(180), 3);
    }

    /** The checkout that holds this module: the nearest folder up from {@code start} with {@code mvnw} and the services. */
    public static Path findRepoRoot(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("auth-gateway"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside a Phonegate checkout: " + start.toAbsolutePath());
    }

    Path serviceJar(String module) {
        return repoRoot.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT-exec.jar");
    }
}
