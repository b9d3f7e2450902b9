package io.phonegate.devstack.cognito;

import com.sun.net.httpserver.HttpServer;
import io.phonegate.devstack.cognito.auth.AuthOperations;
import io.phonegate.devstack.cognito.pool.LivePool;
import io.phonegate.devstack.cognito.pool.PoolGuard;
import io.phonegate.devstack.cognito.pool.PoolOperations;
import io.phonegate.devstack.cognito.quota.RateQuotas;
import io.phonegate.devstack.cognito.tokens.RefreshTokens;
import io.phonegate.devstack.cognito.tokens.TokenIssuer;
import io.phonegate.devstack.cognito.users.UserCreation;
import io.phonegate.devstack.cognito.users.UserOperations;
import io.phonegate.devstack.cognito.users.UserStore;
import io.phonegate.devstack.cognito.wire.AwsJsonEndpoint;
import io.phonegate.devstack.cognito.wire.Operation;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A running Cognito user-pool emulator: one pool and one app client, in memory, speaking AWS JSON 1.1
 * on {@link #endpoint()} and running the real custom-auth triggers in-process. Close it to stop it.
 *
 * <pre>{@code
 * try (CognitoEmulator cognito = CognitoEmulator.start(CognitoEmulatorSettings.defaults().withFreePort())) {
 *     CognitoIdentityProviderClient client = CognitoIdentityProviderClient.builder()
 *             .endpointOverride(cognito.endpoint())...
 * }
 * }</pre>
 */
public final class CognitoEmulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CognitoEmulator.class.getName());

    private final CognitoEmulatorSettings settings;
    private final LivePool live;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AwsJsonEndpoint endpoint;
    private final RateQuotas quotas;
    private final UserCreation creation;

    private CognitoEmulator(LivePool live, HttpServer server, ExecutorService executor, AwsJsonEndpoint endpoint,
                            RateQuotas quotas, UserCreation creation) {
        this.settings = live.settings();
        this.live = live;
        this.server = server;
        this.executor = executor;
        this.endpoint = endpoint;
        this.quotas = quotas;
        this.creation = creation;
    }

    /** Binds the port, creates the pool and app client from {@code settings}, and starts answering. */
    public static CognitoEmulator start(CognitoEmulatorSettings settings) {
        JsonMapper json = JsonMapper.builder().build();
        LivePool live = new LivePool(settings);
        PoolGuard guard = new PoolGuard(live);
        UserStore users = new UserStore(live);
        TokenIssuer tokens = new TokenIssuer(live);
        RefreshTokens refreshTokens = new RefreshTokens(settings.clock(), settings.refreshTokenValidity());
        RateQuotas quotas = new RateQuotas();
        UserCreation creation = new UserCreation(json, live, guard, users);
        List<Operation> operations = new ArrayList<>(creation.operations());
        operations.addAll(new UserOperations(json, live, guard, users, refreshTokens).operations());
        operations.addAll(new AuthOperations(json, live, guard, users, tokens, refreshTokens).operations());
        operations.addAll(new PoolOperations(json, live, guard, users::size).operations());

        HttpServer server;
        try {
            NoDelay.enable();
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cognito emulator cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
        ExecutorService executor = requestThreads();
        String base = "http://" + settings.host() + ":" + server.getAddress().getPort();
        AwsJsonEndpoint endpoint = new AwsJsonEndpoint(json, settings.userPoolId(), operations, quotas,
                tokens::jwksJson, () -> openIdConfiguration(json, settings, base));
        server.createContext("/", endpoint);
        server.setExecutor(executor);
        server.start();
        CognitoEmulator emulator = new CognitoEmulator(live, server, executor, endpoint, quotas, creation);
        LOG.log(System.Logger.Level.INFO, "Cognito emulator on {0}: pool {1} {2}, client {3} {4}",
                emulator.endpoint(), settings.userPoolId(), settings.userPool(), settings.clientId(),
                settings.appClient().withSecret(settings.clientSecret() == null ? null : "***"));
        return emulator;
    }

    public URI endpoint() {
        return URI.create("http://" + settings.host() + ":" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String region() {
        return settings.region();
    }

    public String userPoolId() {
        return settings.userPoolId();
    }

    public String clientId() {
        return settings.clientId();
    }

    /** {@code null} when the app client has no secret. */
    public String clientSecret() {
        return live.client().secret();
    }

    /** The pool's settings now (as {@code DescribeUserPool} reports them). */
    public UserPoolConfig userPool() {
        return live.pool();
    }

    /** The app client's settings now (as {@code DescribeUserPoolClient} reports them). */
    public AppClientConfig appClient() {
        return live.client();
    }

    /**
     * Changes the pool's settings while the emulator runs, as an admin would with {@code UpdateUserPool}:
     * e.g. {@code updateUserPool(p -> p.withTriggers())} detaches every trigger.
     *
     * @throws IllegalArgumentException for a change of the sign-in attributes, which Cognito fixes at creation
     */
    public void updateUserPool(UnaryOperator<UserPoolConfig> change) {
        live.updatePool(change);
    }

    /** Changes the app client's settings while the emulator runs, as {@code UpdateUserPoolClient} would. */
    public void updateAppClient(UnaryOperator<AppClientConfig> change) {
        live.updateClient(change);
    }

    /** Invitations Cognito would have sent: {@code AdminCreateUser} calls without {@code MessageAction=SUPPRESS}. */
    public long invitationCount() {
        return creation.invitationCount();
    }

    /** The {@code iss} of every token: {@code https://cognito-idp.<region>.amazonaws.com/<poolId>}, as in AWS. */
    public String issuer() {
        return settings.issuer();
    }

    /** Where this emulator serves the pool's keys (the issuer's host is AWS's, so it is not derived from it). */
    public URI jwksUri() {
        return endpoint().resolve("/" + settings.userPoolId() + "/.well-known/jwks.json");
    }

    /** Calls received for {@code operation} (e.g. {@code "AdminInitiateAuth"}), failed and throttled ones included. */
    public long callCount(String operation) {
        return endpoint.callCount(operation);
    }

    public void resetCallCounts() {
        endpoint.resetCallCounts();
    }

    /**
     * Per-category request-rate quotas (requests per second), answered with {@code TooManyRequestsException}
     * when exceeded. Replaces the previous quotas; an empty map switches them off (the default).
     */
    public void setQuotas(Map<QuotaCategory, Integer> requestsPerSecond) {
        quotas.set(requestsPerSecond);
    }

    /** Calls answered with {@code TooManyRequestsException} because they were over a quota, since start. */
    public long throttledCount() {
        return quotas.throttledCount();
    }

    /**
     * Makes calls fail on purpose: throttled, internal errors, slow, or refused as by a dead endpoint.
     * Replaces the faults before; {@link CognitoFaults#NONE} (or {@code null}) clears them.
     *
     * @throws IllegalArgumentException when the faults name an operation the emulator does not have
     */
    public void setFaults(CognitoFaults faults) {
        endpoint.setFaults(faults);
    }

    public CognitoFaults faults() {
        return endpoint.faults().current();
    }

    /** Calls whose connection was closed unanswered while the faults said {@code down}. */
    public long refusedCount() {
        return endpoint.faults().refusedCount();
    }

    /** Calls answered with an injected throttling or internal error. */
    public long faultCount() {
        return endpoint.faults().injectedCount();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * Threads made on demand and retired when idle: injected latency sleeps in a request thread, so a
     * slow emulator needs many to keep answering a fault run's load (64 absorb 100 ms at 640 calls/s).
     */
    private static ExecutorService requestThreads() {
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(64, 64, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "cognito-emulator-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static String openIdConfiguration(JsonMapper json, CognitoEmulatorSettings settings, String base) {
        ObjectNode document = json.createObjectNode();
        document.put("issuer", settings.issuer());
        document.put("jwks_uri", base + "/" + settings.userPoolId() + "/.well-known/jwks.json");
        document.putArray("id_token_signing_alg_values_supported").add("RS256");
        document.putArray("subject_types_supported").add("public");
        return json.writeValueAsString(document);
    }
}
