package io.phonegate.devstack.kafka;

import io.phonegate.devstack.process.ChildJvm;
import io.phonegate.testsupport.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller) in its own JVM,
 * started from Kafka's own server classes on this JVM's classpath. Data lives in a
 * folder this object owns and deletes on {@link #close()}.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /** Small heap, quick JIT: the broker shares the machine with the services. */
    private static final List<String> DEFAULT_JVM_OPTIONS =
            List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private volatile Process process;
    private final int port;
    private final Path dataDir;
    private final Path logFile;
    private final ProcessBuilder server;

    private KafkaBrokerProcess(Process process, int port, Path dataDir, Path logFile, ProcessBuilder server) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.server = server;
    }

    /**
     * Formats a fresh log directory and starts the broker; returns once it answers.
     *
     * @param port    client port on 127.0.0.1; 0 picks a free one
     * @param dataDir an empty or absent folder for the broker's data, deleted on close
     * @param logFile where the broker's own output goes
     */
    public static KafkaBrokerProcess start(int port, Path dataDir, Path logFile) {
        return start(port, dataDir, logFile, DEFAULT_JVM_OPTIONS);
    }

    /** As {@link #start(int, Path, Path)}, the broker's JVM run with {@code jvmOptions} (heap, GC, JIT). */
    public static KafkaBrokerProcess start(int port, Path dataDir, Path logFile, List<String> jvmOptions) {
        int clientPort = port == 0 ? FreePorts.next() : port;
        int controllerPort = FreePorts.next();
        try {
            deleteRecursively(dataDir);
            Files.createDirectories(dataDir);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Path config = dataDir.resolve("server.properties");
            Files.writeString(config, serverProperties(clientPort, controllerPort, dataDir.resolve("logs")));
            Path logging = dataDir.resolve("logback.xml");
            Files.writeString(logging, LOGBACK);

            runToCompletion(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                    "-c", config.toString()), jvmOptions, logging, logFile);
            ProcessBuilder server = java(List.of(KafkaServerMain.class.getName(),
                    String.valueOf(ProcessHandle.current().pid()), config.toString()), jvmOptions, logging, logFile);
            KafkaBrokerProcess broker = new KafkaBrokerProcess(server.start(), clientPort, dataDir, logFile, server);
            broker.awaitReady();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Creates the topics with {@code partitions} partitions each; topics that exist are left as they are. */
    public void createTopics(Collection<String> topics, int partitions) {
        try (Admin admin = admin()) {
            List<NewTopic> newTopics = topics.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList();
            admin.createTopics(newTopics).values().forEach((topic, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + topic, e.getCause());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("could not create topic " + topic, e);
                }
            });
        }
    }

    /** Kills the broker at once (SIGKILL), as a crash; its data stays for {@link #restart()}. */
    public synchronized void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the broker again on the same ports and data after {@link #kill()}; returns once it answers. */
    public synchronized void restart() {
        if (process.isAlive()) {
            return;
        }
        try {
            process = server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not restart the Kafka broker", e);
        }
        awaitReady();
    }

    /** Freezes the broker (SIGSTOP): connections stay open but nothing answers, as a hung machine. */
    public void pause() {
        signal("STOP");
    }

    /** Lets a {@link #pause() paused} broker go on (SIGCONT). */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling the broker", e);
        }
    }

    /** Stops the broker (SIGTERM, then SIGKILL after 20 s) and deletes its data. */
    @Override
    public void close() {
        if (process.isAlive()) {
            resume(); // a stopped process would not act on SIGTERM
        }
        ChildJvm.stop(process, STOP_TIMEOUT);
        deleteRecursively(dataDir);
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        try (Admin admin = admin()) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited with " + process.exitValue()
                            + "; its log " + logFile + " ends with:\n" + ChildJvm.logTail(logFile, 30));
                }
                try {
                    admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (Instant.now().isAfter(deadline)) {
                        close();
                        throw new IllegalStateException("the Kafka broker did not answer within " + START_TIMEOUT
                                + "; its log " + logFile + " ends with:\n" + ChildJvm.logTail(logFile, 30));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    close();
                    throw new IllegalStateException("interrupted while the Kafka broker started", e);
                }
            }
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
    }

    private static String serverProperties(int clientPort, int controllerPort, Path logDir) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + clientPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDir.toAbsolutePath(),
                "num.partitions=6",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "") ;
    }

    private static final String LOGBACK = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
              </appender>
              <logger name="kafka" level="INFO"/>
              <logger name="org.apache.kafka" level="WARN"/>
              <!-- Joins, leaves, expired sessions and rebalances of the services' groups: what a fault run needs to read. -->
              <logger name="org.apache.kafka.coordinator.group" level="INFO"/>
              <logger name="state.change.logger" level="WARN"/>
              <root level="WARN"><appender-ref ref="OUT"/></root>
            </configuration>
            """;

    private static ProcessBuilder java(List<String> mainAndArgs, List<String> jvmOptions, Path logging, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.javaExecutable());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dlogback.configurationFile=" + logging.toAbsolutePath(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    }

    private static void runToCompletion(List<String> mainAndArgs, List<String> jvmOptions, Path logging, Path logFile)
            throws IOException {
        Process format = java(mainAndArgs, jvmOptions, logging, logFile).start();
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting Kafka's storage failed; see " + logFile + ":\n" + ChildJvm.logTail(logFile, 30));
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka's storage", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
