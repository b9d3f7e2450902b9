package io.phonegate.devstack.local;

import io.phonegate.common.event.Topics;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.devstack.cognito.CognitoEmulator;
import io.phonegate.devstack.cognito.CognitoEmulatorSettings;
import io.phonegate.devstack.kafka.KafkaBrokerProcess;
import io.phonegate.devstack.sns.SnsEmulator;
import io.phonegate.devstack.sns.SnsEmulatorSettings;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The whole of Phonegate on one machine: a Kafka broker process, the Cognito and SNS
 * emulators (in this JVM), and auth-gateway, otp-dispatcher and limbo-reaper each in its
 * own JVM, wired to each other. {@link #close()} stops every process it started.
 */
public final class LocalStack implements AutoCloseable {

    public static final List<String> TOPICS = Stream.of(Topics.SIGNUP_REQUESTED, Topics.SIGNUP_COMPLETED,
                    Topics.OTP_REQUESTED, Topics.OTP_DELIVERY, Topics.USER_REAPED)
            .flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic))).toList();

    private final LocalStackSettings settings;
    private final List<AutoCloseable> started = new ArrayList<>();
    private KafkaBrokerProcess kafka;
    private CognitoEmulator cognito;
    private SnsEmulator sns;
    private ServiceProcess gateway;
    private ServiceProcess dispatcher;
    private ServiceProcess reaper;
    private Map<String, String> serviceEnv;

    private LocalStack(LocalStackSettings settings) {
        this.settings = settings;
    }

    /** Starts everything and returns once every service reports ready; on failure stops what it started. */
    public static LocalStack start(LocalStackSettings settings) {
        LocalStack stack = new LocalStack(settings);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        Map<String, String> env = new HashMap<>(settings.serviceEnv());
        // A fresh seal key per run unless the caller brings one: it is never written anywhere.
        if (blank(env.get("PHONEGATE_SEAL_KEYS"))) {
            env.put("PHONEGATE_SEAL_KEYS", CodeSeal.newKeyConfig("local"));
            env.put("PHONEGATE_SEAL_SEALING_KEY_ID", "local");
        }

        CompletableFuture<KafkaBrokerProcess> broker = CompletableFuture.supplyAsync(() -> KafkaBrokerProcess.start(
                settings.ports().kafka(), settings.workDir().resolve("kafka-data"),
                settings.workDir().resolve("logs/kafka.log")));
        try {
            cognito = track(CognitoEmulator.start(CognitoEmulatorSettings.fromEnvironment(env)
                    .withPort(settings.ports().cognito())));
            sns = track(SnsEmulator.start(SnsEmulatorSettings.defaults().withPort(settings.ports().sns())));
        } finally {
            kafka = track(broker.join());
        }
        kafka.createTopics(TOPICS, settings.partitions());

        env.put("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS", kafka.bootstrapServers());
        env.put("PHONEGATE_AWS_REGION", cognito.region());
        env.put("PHONEGATE_COGNITO_ENDPOINT", cognito.endpoint().toString());
        env.put("PHONEGATE_COGNITO_USER_POOL_ID", cognito.userPoolId());
        env.put("PHONEGATE_COGNITO_CLIENT_ID", cognito.clientId());
        env.put("PHONEGATE_COGNITO_CLIENT_SECRET", cognito.clientSecret());
        env.put("PHONEGATE_SNS_ENDPOINT", sns.endpoint().toString());
        // The emulators take any credentials; the SDK's default chain finds these.
        env.putIfAbsent("AWS_ACCESS_KEY_ID", "local");
        env.putIfAbsent("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_REGION", cognito.region());
        serviceEnv = Map.copyOf(env);

        LocalStackSettings.Ports ports = settings.ports();
        gateway = track(startService("auth-gateway", ports.gateway()));
        dispatcher = track(startService("otp-dispatcher", ports.dispatcher()));
        reaper = track(startService("limbo-reaper", ports.reaper()));
        for (ServiceProcess service : List.of(gateway, dispatcher, reaper)) {
            service.awaitReady(settings.readyTimeout());
        }
    }

    private ServiceProcess startService(String module, int port) {
        int chosen = port == 0 ? KafkaBrokerProcess.freePort() : port;
        return ServiceProcess.start(module, settings.serviceJar(module), chosen, settings.jvmOptions(), serviceEnv,
                settings.workDir().resolve("logs").resolve(module + ".log"));
    }

    public URI gatewayUri() {
        return gateway.baseUri();
    }

    public URI dispatcherUri() {
        return dispatcher.baseUri();
    }

    public URI reaperUri() {
        return reaper.baseUri();
    }

    public CognitoEmulator cognito() {
        return cognito;
    }

    public SnsEmulator sns() {
        return sns;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Process ids of every JVM this stack started (broker and services). */
    public List<Long> childPids() {
        List<Long> pids = new ArrayList<>();
        if (kafka != null) {
            pids.add(kafka.pid());
        }
        Stream.of(gateway, dispatcher, reaper).filter(s -> s != null).forEach(s -> pids.add(s.pid()));
        return pids;
    }

    public java.nio.file.Path logDir() {
        return settings.workDir().resolve("logs");
    }

    /** Stops the services first (so they leave the consumer groups cleanly), then the emulators and the broker. */
    @Override
    public void close() {
        List<AutoCloseable> services = started.stream().filter(ServiceProcess.class::isInstance).toList();
        CompletableFuture.allOf(services.stream()
                .map(s -> CompletableFuture.runAsync(() -> closeQuietly(s))).toArray(CompletableFuture[]::new)).join();
        List<AutoCloseable> rest = new ArrayList<>(started);
        rest.removeAll(services);
        for (int i = rest.size() - 1; i >= 0; i--) {
            closeQuietly(rest.get(i));
        }
        started.clear();
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("while stopping " + resource + ": " + e.getMessage());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
