package io.phonegate.devstack.local;

import io.phonegate.common.event.Topics;
import io.phonegate.common.keys.KeyRing;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.devstack.cognito.CognitoEmulator;
import io.phonegate.devstack.cognito.CognitoEmulatorSettings;
import io.phonegate.devstack.kafka.KafkaBrokerProcess;
import io.phonegate.devstack.sns.SnsEmulator;
import io.phonegate.devstack.siteverify.Provider;
import io.phonegate.devstack.siteverify.SiteverifyEmulator;
import io.phonegate.devstack.sns.SnsEmulatorSettings;
import io.phonegate.testsupport.FreePorts;
import io.phonegate.testsupport.redis.RedisServer;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * The whole of Phonegate on one machine: a Kafka broker process, a {@code redis-server}
 * process, the Cognito and SNS emulators (in this JVM; the bot check's siteverify stand-in too when
 * {@code PHONEGATE_BOTCHECK_PROVIDER} switches a provider on), and auth-gateway, otp-dispatcher and
 * limbo-reaper each in its own JVM (as many gateways and dispatchers as
 * {@link LocalStackSettings.Instances} says), wired to each other. {@link #close()} stops
 * every process it started.
 */
public final class LocalStack implements AutoCloseable {

    public static final List<String> TOPICS = Stream.of(Topics.SIGNUP_REQUESTED, Topics.SIGNUP_COMPLETED,
                    Topics.OTP_REQUESTED, Topics.OTP_DELIVERY, Topics.USER_REAPED)
            .flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic))).toList();
    private static final List<String> SERVICES = List.of("auth-gateway", "otp-dispatcher", "limbo-reaper");

    private final LocalStackSettings settings;
    private final List<AutoCloseable> started = new ArrayList<>();
    private KafkaBrokerProcess kafka;
    private RedisServer redis;
    private CognitoEmulator cognito;
    private SnsEmulator sns;
    private SiteverifyEmulator siteverify;
    private final List<ServiceProcess> gateways = new ArrayList<>();
    private final List<ServiceProcess> dispatchers = new ArrayList<>();
    private ServiceProcess reaper;
    private Map<String, String> serviceEnv;
    private CompletableFuture<Map<String, Path>> extracting;
    private Map<String, Path> jars;

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
        // A fresh seal key and answer key per run unless the caller brings them: they are never written anywhere.
        if (blank(env.get("PHONEGATE_SEAL_KEYS"))) {
            env.put("PHONEGATE_SEAL_KEYS", CodeSeal.newKeyConfig("local"));
            env.put("PHONEGATE_SEAL_SEALING_KEY_ID", "local");
        }
        if (blank(env.get("PHONEGATE_ANSWER_KEYS"))) {
            env.put("PHONEGATE_ANSWER_KEYS", KeyRing.newKeyConfig("local"));
            env.put("PHONEGATE_ANSWER_SIGNING_KEY_ID", "local");
        }

        CompletableFuture<KafkaBrokerProcess> broker = CompletableFuture.supplyAsync(() -> KafkaBrokerProcess.start(
                settings.ports().kafka(), settings.workDir().resolve("kafka-data"),
                settings.workDir().resolve("logs/kafka.log"), settings.brokerJvmOptions()));
        extracting = extractJars();
        try {
            int redisPort = settings.ports().redis() == 0 ? FreePorts.next() : settings.ports().redis();
            redis = track(RedisServer.start(redisPort, settings.workDir().resolve("logs/redis.log")));
            cognito = track(CognitoEmulator.start(CognitoEmulatorSettings.fromEnvironment(env)
                    .withPort(settings.ports().cognito())));
            sns = track(SnsEmulator.start(SnsEmulatorSettings.defaults().withPort(settings.ports().sns())));
            botCheckProvider(env).ifPresent(provider -> startSiteverify(provider, env));
        } finally {
            kafka = track(broker.join());
        }
        kafka.createTopics(TOPICS, settings.partitions());

        env.put("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS", kafka.bootstrapServers());
        env.put("SPRING_DATA_REDIS_URL", redis.url());
        env.put("PHONEGATE_AWS_REGION", cognito.region());
        env.put("PHONEGATE_COGNITO_ENDPOINT", cognito.endpoint().toString());
        env.put("PHONEGATE_COGNITO_USER_POOL_ID", cognito.userPoolId());
        env.put("PHONEGATE_COGNITO_CLIENT_ID", cognito.clientId());
        // A client without a secret (PHONEGATE_COGNITO_CLIENT_SECRET=none) leaves the gateway none: it refuses to start.
        env.put("PHONEGATE_COGNITO_CLIENT_SECRET", Objects.requireNonNullElse(cognito.clientSecret(), ""));
        env.put("PHONEGATE_SNS_ENDPOINT", sns.endpoint().toString());
        // The emulators take any credentials; the SDK's default chain finds these.
        env.putIfAbsent("AWS_ACCESS_KEY_ID", "local");
        env.putIfAbsent("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_REGION", cognito.region());
        // The API description and Swagger UI are for development: on here, off anywhere else by default.
        env.putIfAbsent("SPRINGDOC_API_DOCS_ENABLED", "true");
        serviceEnv = Map.copyOf(env);
        jars = joined(extracting);

        LocalStackSettings.Ports ports = settings.ports();
        LocalStackSettings.Instances instances = settings.instances();
        for (int i = 0; i < instances.gateways(); i++) {
            gateways.add(track(startService("auth-gateway", i, chosen(ports.gateway(i)),
                    chosen(ports.gatewayManagement(i)))));
        }
        for (int i = 0; i < instances.dispatchers(); i++) {
            int port = chosen(ports.dispatcher(i));
            dispatchers.add(track(startService("otp-dispatcher", i, port, port)));
        }
        int reaperPort = chosen(ports.reaper());
        reaper = track(startService("limbo-reaper", 0, reaperPort, reaperPort));
        for (ServiceProcess service : services()) {
            service.awaitReady(settings.readyTimeout());
        }
    }

    /** The provider {@code PHONEGATE_BOTCHECK_PROVIDER} switches on; empty when unset or {@code none} (the default). */
    static Optional<Provider> botCheckProvider(Map<String, String> env) {
        String name = env.getOrDefault("PHONEGATE_BOTCHECK_PROVIDER", "").strip();
        if (name.isEmpty() || name.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Provider.valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PHONEGATE_BOTCHECK_PROVIDER must be none, turnstile, hcaptcha or recaptcha, "
                    + "not '" + name + "'");
        }
    }

    /**
     * The stand-in for the provider's siteverify and widget, with the provider's test keys: the gateways make
     * the real HTTP call to it and the demo page loads its widget. Settings the caller gave win (a real
     * provider's keys and addresses, say).
     */
    private void startSiteverify(Provider provider, Map<String, String> env) {
        siteverify = track(SiteverifyEmulator.start(settings.ports().siteverify()));
        env.putIfAbsent("PHONEGATE_BOTCHECK_VERIFYURL", siteverify.verifyUrl(provider).toString());
        env.putIfAbsent("PHONEGATE_BOTCHECK_SCRIPTURL", siteverify.scriptUrl(provider).toString());
        env.putIfAbsent("PHONEGATE_BOTCHECK_SITEKEY", provider.testSiteKey());
        env.putIfAbsent("PHONEGATE_BOTCHECK_SECRET", provider.testSecret());
    }

    private ServiceProcess startService(String module, int index, int port, int managementPort) {
        String name = index == 0 ? module : module + "-" + (index + 1);
        return ServiceProcess.start(name, jars.get(module), port, managementPort, settings.jvmOptions(), serviceEnv,
                settings.workDir().resolve("logs").resolve(name + ".log"));
    }

    /** Each service's jar extracted (as its image runs it), the three at once while the broker starts. */
    private CompletableFuture<Map<String, Path>> extractJars() {
        Map<String, CompletableFuture<Path>> extractions = new LinkedHashMap<>();
        for (String module : SERVICES) {
            extractions.put(module, CompletableFuture.supplyAsync(() -> ExtractedJar.of(module, settings.serviceJar(module))));
        }
        return CompletableFuture.allOf(extractions.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, Path> jars = new LinkedHashMap<>();
            extractions.forEach((module, jar) -> jars.put(module, jar.join()));
            return Map.copyOf(jars);
        });
    }

    private static int chosen(int port) {
        return port == 0 ? FreePorts.next() : port;
    }

    /**
     * One more instance of a service (e.g. a reaper with settings of its own and its own consumer
     * group), on free ports (a management port of its own for the gateway), wired like the others with
     * {@code envOverrides} on top; returns once it is ready. Not part of {@link #services()}: the caller
     * closes it.
     */
    public ServiceProcess startExtra(String module, String name, Map<String, String> envOverrides) {
        Map<String, String> env = new HashMap<>(serviceEnv);
        env.putAll(envOverrides);
        int port = FreePorts.next();
        int managementPort = module.equals("auth-gateway") ? FreePorts.next() : port;
        ServiceProcess extra = ServiceProcess.start(name, jars.get(module), port, managementPort, settings.jvmOptions(),
                env, settings.workDir().resolve("logs").resolve(name + ".log"));
        try {
            extra.awaitReady(settings.readyTimeout());
            return extra;
        } catch (RuntimeException e) {
            extra.close();
            throw e;
        }
    }

    /** The first gateway: the one on the DESIGN's port. */
    public URI gatewayUri() {
        return gateways.get(0).baseUri();
    }

    public URI dispatcherUri() {
        return dispatchers.get(0).baseUri();
    }

    public URI reaperUri() {
        return reaper.baseUri();
    }

    /** Every gateway, first on the DESIGN's port; each can be killed and restarted. */
    public List<ServiceProcess> gateways() {
        return List.copyOf(gateways);
    }

    public List<ServiceProcess> dispatchers() {
        return List.copyOf(dispatchers);
    }

    public ServiceProcess reaper() {
        return reaper;
    }

    /** Every service process: gateways, dispatchers, then the reaper. */
    public List<ServiceProcess> services() {
        List<ServiceProcess> all = new ArrayList<>(gateways);
        all.addAll(dispatchers);
        if (reaper != null) {
            all.add(reaper);
        }
        return all;
    }

    /** The shared store; it can be killed and restarted on the same port. */
    public RedisServer redis() {
        return redis;
    }

    /** The environment every service was started with (the stack's wiring and the caller's settings). */
    public Map<String, String> serviceEnv() {
        return serviceEnv;
    }

    public CognitoEmulator cognito() {
        return cognito;
    }

    public SnsEmulator sns() {
        return sns;
    }

    /** The bot check's siteverify stand-in; empty when no provider is switched on. */
    public Optional<SiteverifyEmulator> siteverify() {
        return Optional.ofNullable(siteverify);
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The broker; it can be killed, paused and restarted (same ports, same data). */
    public KafkaBrokerProcess kafka() {
        return kafka;
    }

    /** Process ids of every process this stack started (broker, Redis and services). */
    public List<Long> childPids() {
        List<Long> pids = new ArrayList<>();
        if (kafka != null) {
            pids.add(kafka.pid());
        }
        if (redis != null) {
            pids.add(redis.pid());
        }
        services().forEach(s -> pids.add(s.pid()));
        return pids;
    }

    public Path logDir() {
        return settings.workDir().resolve("logs");
    }

    /** Stops the services first (so they leave the consumer groups cleanly), then the emulators and the broker. */
    @Override
    public void close() {
        if (extracting != null) {
            // An extraction ends on its own within seconds: wait for it, so no process outlives the stack.
            extracting.exceptionally(failed -> null).join();
        }
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

    /** The future's value, or what failed it as thrown (a missing jar's "build first", say). */
    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
