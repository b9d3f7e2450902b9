package io.phonegate.devstack.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the local stack runs and what the services are told.
 *
 * @param repoRoot     the checkout, where each service's runnable jar is found
 * @param workDir      broker data and every process's log (under {@code logs/})
 * @param ports        where each part listens; 0 picks a free port
 * @param serviceEnv   settings for every service, on top of the stack's own wiring
 *                     (so {@code PHONEGATE_REAPER_TTL=10s} from the caller reaches the reaper)
 * @param jvmOptions   options for each service JVM
 * @param brokerJvmOptions options for the Kafka broker's JVM
 * @param readyTimeout how long the services may take to report ready
 * @param partitions   partitions of each topic the stack creates
 * @param instances    how many gateways and dispatchers to run, all sharing Kafka and Redis
 */
public record LocalStackSettings(Path repoRoot, Path workDir, Ports ports, Map<String, String> serviceEnv,
                                 List<String> jvmOptions, Duration readyTimeout, int partitions,
                                 Instances instances, List<String> brokerJvmOptions) {

    /**
     * DESIGN's "Local defaults" (README, "What you see when it runs"); {@code siteverify} is the bot check's
     * stand-in, started only when a provider is switched on. The dispatcher and the reaper
     * serve no API: their one port is their management port (actuator). The gateway's actuator has a
     * port of its own, {@code gatewayManagement}, never the public one.
     */
    public record Ports(int gateway, int gatewayManagement, int dispatcher, int reaper, int cognito, int sns, int kafka,
                        int redis, int siteverify) {

        /** Gateways after the first listen on 8090, 8091, …; dispatchers after the first on 8100, 8101, …. */
        static final int MORE_GATEWAYS_FROM = 8090;
        static final int MORE_DISPATCHERS_FROM = 8100;
        /** Each gateway's management port is its public port plus this: 8180, then 8190, 8191, …. */
        static final int GATEWAY_MANAGEMENT_OFFSET = 100;

        public static Ports localDefaults() {
            return new Ports(8080, 8180, 8081, 8082, 9229, 9230, 9092, 6379, 9231);
        }

        public static Ports free() {
            return new Ports(0, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        /** The port of gateway number {@code index} (0 = the first); 0 when ports are chosen free. */
        int gateway(int index) {
            return gateway == 0 || index == 0 ? gateway : MORE_GATEWAYS_FROM + index - 1;
        }

        /** The management port of gateway number {@code index}; 0 when ports are chosen free. */
        int gatewayManagement(int index) {
            return gatewayManagement == 0 || index == 0 ? gatewayManagement
                    : gateway(index) + GATEWAY_MANAGEMENT_OFFSET;
        }

        int dispatcher(int index) {
            return dispatcher == 0 || index == 0 ? dispatcher : MORE_DISPATCHERS_FROM + index - 1;
        }
    }

    /**
     * How many of each scalable service run ({@code PHONEGATE_GATEWAY_INSTANCES},
     * {@code PHONEGATE_DISPATCHER_INSTANCES}); one reaper is enough for a laptop.
     */
    public record Instances(int gateways, int dispatchers) {

        public static final Instances ONE_EACH = new Instances(1, 1);

        public Instances {
            if (gateways < 1 || gateways > 10 || dispatchers < 1 || dispatchers > 10) {
                throw new IllegalArgumentException("between 1 and 10 gateways and dispatchers, not "
                        + gateways + " and " + dispatchers);
            }
        }

        static Instances fromEnvironment(Map<String, String> env) {
            return new Instances(count(env, "PHONEGATE_GATEWAY_INSTANCES"), count(env, "PHONEGATE_DISPATCHER_INSTANCES"));
        }

        private static int count(Map<String, String> env, String name) {
            String value = env.getOrDefault(name, "1").strip();
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
            }
        }
    }

    /**
     * Which JIT every JVM of the stack runs with. {@code QUICK_START} (C1 only,
     * {@code -XX:TieredStopAtLevel=1}) starts the stack faster on a laptop or a 2-core CI machine but
     * costs more CPU per request once warm; {@code PRODUCTION} is the JVM's default tiered JIT, as the
     * services' images run (the benchmark uses it).
     */
    public enum Jit {
        QUICK_START, PRODUCTION;

        /** Small heaps: three services and a broker share one machine. */
        public List<String> serviceOptions() {
            return withJit(List.of("-Xms64m", "-Xmx320m", "-XX:+UseSerialGC", "-Xss512k"));
        }

        public List<String> brokerOptions() {
            return withJit(List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC"));
        }

        private List<String> withJit(List<String> options) {
            return this == PRODUCTION ? options
                    : Stream.concat(options.stream(), Stream.of("-XX:TieredStopAtLevel=1")).toList();
        }
    }

    /** The local run's and the tests' service JVMs: small heaps and a quick JIT. */
    public static final List<String> DEFAULT_JVM_OPTIONS = Jit.QUICK_START.serviceOptions();

    public LocalStackSettings {
        serviceEnv = Map.copyOf(serviceEnv);
        jvmOptions = List.copyOf(jvmOptions);
        brokerJvmOptions = List.copyOf(brokerJvmOptions);
    }

    /** The one-command local run: fixed ports, work folder {@code .devstack/} in the checkout. */
    public static LocalStackSettings localDefaults(Path repoRoot, Map<String, String> serviceEnv) {
        return new LocalStackSettings(repoRoot, repoRoot.resolve(".devstack"), Ports.localDefaults(), serviceEnv,
                DEFAULT_JVM_OPTIONS, Duration.ofSeconds(120), 6, Instances.fromEnvironment(serviceEnv),
                Jit.QUICK_START.brokerOptions());
    }

    /** Tests: free ports everywhere, their own work folder. */
    public static LocalStackSettings forTests(Path repoRoot, Path workDir, Map<String, String> serviceEnv) {
        return new LocalStackSettings(repoRoot, workDir, Ports.free(), serviceEnv, DEFAULT_JVM_OPTIONS,
                Duration.ofSeconds(180), 3, Instances.ONE_EACH, Jit.QUICK_START.brokerOptions());
    }

    public LocalStackSettings withInstances(Instances chosen) {
        return new LocalStackSettings(repoRoot, workDir, ports, serviceEnv, jvmOptions, readyTimeout, partitions, chosen,
                brokerJvmOptions);
    }

    /** Every JVM of the stack (services and broker) with {@code jit}'s flags. */
    public LocalStackSettings withJit(Jit jit) {
        return new LocalStackSettings(repoRoot, workDir, ports, serviceEnv, jit.serviceOptions(), readyTimeout, partitions,
                instances, jit.brokerOptions());
    }

    /** How long the services may take to report ready (a loaded machine needs longer). */
    public LocalStackSettings withReadyTimeout(Duration timeout) {
        return new LocalStackSettings(repoRoot, workDir, ports, serviceEnv, jvmOptions, timeout, partitions, instances,
                brokerJvmOptions);
    }

    /** The service JVMs with these options (the broker's unchanged). */
    public LocalStackSettings withJvmOptions(List<String> options) {
        return new LocalStackSettings(repoRoot, workDir, ports, serviceEnv, options, readyTimeout, partitions, instances,
                brokerJvmOptions);
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
