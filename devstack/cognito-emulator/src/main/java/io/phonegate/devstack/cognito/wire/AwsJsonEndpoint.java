package io.phonegate.devstack.cognito.wire;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.phonegate.devstack.cognito.CognitoFaults;
import io.phonegate.devstack.cognito.QuotaCategory;
import io.phonegate.devstack.cognito.faults.FaultSwitch;
import io.phonegate.devstack.cognito.quota.RateQuotas;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The emulator's HTTP surface:
 * <ul>
 *   <li>{@code POST /} with {@code X-Amz-Target: AWSCognitoIdentityProviderService.<Op>}: AWS JSON 1.1;</li>
 *   <li>{@code GET /<poolId>/.well-known/jwks.json} and {@code …/openid-configuration};</li>
 *   <li>{@code POST /_quotas} {@code {"UserAuthentication":5,…}} sets rate quotas ({@code {}} switches them off);</li>
 *   <li>{@code POST /_faults} {@code {"throttleRate":0.3,"errorRate":0.1,"latencyMs":100,"down":true,"operations":[…]}}
 *       replaces the faults, {@code GET} shows them, {@code DELETE} clears them (see {@link CognitoFaults}).</li>
 * </ul>
 * Errors answer {@code {"__type":…,"message":…}} with Cognito's status and an {@code x-amzn-ErrorType} header.
 */
public final class AwsJsonEndpoint implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(AwsJsonEndpoint.class.getName());
    private static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
    private static final String AMZ_JSON = "application/x-amz-json-1.1";

    private final JsonMapper json;
    private final String userPoolId;
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final RateQuotas quotas;
    private final FaultSwitch faults = new FaultSwitch();
    private final Supplier<String> jwks;
    private final Supplier<String> openIdConfiguration;

    public AwsJsonEndpoint(JsonMapper json, String userPoolId, List<Operation> operations, RateQuotas quotas,
                           Supplier<String> jwks, Supplier<String> openIdConfiguration) {
        this.json = json;
        this.userPoolId = userPoolId;
        operations.forEach(op -> this.operations.put(op.name(), op));
        this.quotas = quotas;
        this.jwks = jwks;
        this.openIdConfiguration = openIdConfiguration;
    }

    public long callCount(String operation) {
        AtomicLong count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    public void resetCallCounts() {
        calls.clear();
    }

    public FaultSwitch faults() {
        return faults;
    }

    /** @throws IllegalArgumentException when the faults name an operation the emulator does not have */
    public void setFaults(CognitoFaults newFaults) {
        CognitoFaults checked = newFaults == null ? CognitoFaults.NONE : newFaults;
        for (String operation : checked.operations()) {
            if (!operations.containsKey(operation)) {
                throw new IllegalArgumentException("Unknown operation " + operation + " in the faults; known: "
                        + operations.keySet().stream().sorted().toList());
            }
        }
        faults.set(checked);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/") && method.equals("POST")) {
                api(exchange);
            } else if (path.startsWith("/" + userPoolId + "/.well-known/") && faults.refuses(path)) {
                // Down: the pool's keys and discovery document are not served either.
                return;
            } else if (path.equals("/" + userPoolId + "/.well-known/jwks.json") && method.equals("GET")) {
                send(exchange, 200, "application/json", jwks.get().getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/" + userPoolId + "/.well-known/openid-configuration") && method.equals("GET")) {
                send(exchange, 200, "application/json", openIdConfiguration.get().getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/_quotas") && method.equals("POST")) {
                setQuotas(exchange);
            } else if (path.equals("/_faults")) {
                faultsControl(exchange, method);
            } else {
                error(exchange, new CognitoException("ResourceNotFoundException", 404, "No such resource: " + method + " " + path));
            }
        }
    }

    private void api(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String name = target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
        Operation operation = name == null ? null : operations.get(name);
        if (operation == null) {
            error(exchange, new CognitoException("UnknownOperationException", 400,
                    "Unknown operation " + (target == null ? "(no X-Amz-Target header)" : target)));
            return;
        }
        if (faults.refuses(name)) {
            // Down: the connection closes without an answer (the exchange is closed unanswered).
            return;
        }
        calls.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
        CognitoException failure;
        ObjectNode response = null;
        try {
            failure = faults.errorFor(name).orElse(null);
            if (failure == null && !quotas.tryAcquire(operation.category(), name, operation.quotaMultiplier())) {
                failure = CognitoException.tooManyRequests();
            }
            if (failure == null) {
                response = operation.handler().handle(new JsonRequest(name, body(exchange.getRequestBody())));
            }
        } catch (CognitoException e) {
            failure = e;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Cognito emulator failed on " + name, e);
            failure = CognitoException.internalError("Internal error in the Cognito emulator");
        }
        faults.delay(name);
        if (failure != null) {
            error(exchange, failure);
        } else {
            send(exchange, 200, AMZ_JSON, json.writeValueAsBytes(response));
        }
    }

    private void faultsControl(HttpExchange exchange, String method) throws IOException {
        try {
            switch (method) {
                case "GET" -> { }
                case "POST", "PUT" -> setFaults(FaultSwitch.parse(body(exchange.getRequestBody())));
                case "DELETE" -> faults.set(CognitoFaults.NONE);
                default -> throw new CognitoException("MethodNotAllowed", 405, "GET, POST or DELETE /_faults");
            }
            send(exchange, 200, "application/json", json.writeValueAsBytes(FaultSwitch.view(json, faults.current())));
        } catch (CognitoException e) {
            error(exchange, e);
        } catch (IllegalArgumentException e) {
            error(exchange, CognitoException.invalidParameter(e.getMessage()));
        }
    }

    private ObjectNode body(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        if (bytes.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(bytes);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException e) {
            // answered below, as AWS answers a body it cannot read
        }
        throw new CognitoException("SerializationException", 400, "The request body is not a JSON object");
    }

    private void setQuotas(HttpExchange exchange) throws IOException {
        try {
            Map<QuotaCategory, Integer> limits = new EnumMap<>(QuotaCategory.class);
            body(exchange.getRequestBody()).properties().forEach(e -> {
                QuotaCategory category = QuotaCategory.fromAwsName(e.getKey()).orElseThrow(() ->
                        CognitoException.invalidParameter("Unknown quota category " + e.getKey()
                                + "; known: " + Arrays.stream(QuotaCategory.values()).map(QuotaCategory::awsName).toList()));
                if (!e.getValue().isIntegralNumber()) {
                    throw CognitoException.invalidParameter("Quota " + e.getKey() + " must be a whole number of requests per second");
                }
                limits.put(category, e.getValue().intValue());
            });
            quotas.set(limits);
            send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        } catch (CognitoException e) {
            error(exchange, e);
        } catch (IllegalArgumentException e) {
            error(exchange, CognitoException.invalidParameter(e.getMessage()));
        }
    }

    private void error(HttpExchange exchange, CognitoException e) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", e.type());
        ObjectNode body = json.createObjectNode();
        body.put("__type", e.type());
        body.put("message", e.getMessage());
        send(exchange, e.status(), AMZ_JSON, json.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
