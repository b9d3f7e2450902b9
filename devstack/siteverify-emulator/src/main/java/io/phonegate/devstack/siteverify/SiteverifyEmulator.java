package io.phonegate.devstack.siteverify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for the bot checks' {@code siteverify} APIs, for development and tests: Cloudflare Turnstile
 * ({@code POST /turnstile/v0/siteverify}, form or JSON), hCaptcha ({@code POST /hcaptcha/siteverify}) and
 * Google reCAPTCHA ({@code POST /recaptcha/api/siteverify}), each answering in its provider's format with its
 * provider's test secrets ({@link Provider}, {@link Judge}); stand-in widget scripts at each provider's
 * script path for pages that run offline; fault switches ({@code POST /_faults {"down":true,"latencyMs":n}},
 * {@code DELETE /_faults}). Default {@code 127.0.0.1:9231}.
 */
public final class SiteverifyEmulator implements AutoCloseable {

    public static final int DEFAULT_PORT = 9231;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_BODY_BYTES = 16 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Judge judge = new Judge(Clock.systemUTC());
    private final AtomicReference<SiteverifyFaults> faults = new AtomicReference<>(SiteverifyFaults.NONE);
    private final Map<Provider, AtomicLong> calls = new EnumMap<>(Provider.class);
    private final AtomicReference<Map<String, String>> lastRequest = new AtomicReference<>(Map.of());

    private SiteverifyEmulator(String host, int port) throws IOException {
        for (Provider provider : Provider.values()) {
            calls.put(provider, new AtomicLong());
        }
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        server = HttpServer.create(new InetSocketAddress(host, port), 128);
        server.createContext("/", this::handle);
        server.createContext("/_faults", this::handleFaults);
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "siteverify-emulator");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
    }

    /** @param port 0 picks a free port */
    public static SiteverifyEmulator start(int port) {
        try {
            SiteverifyEmulator emulator = new SiteverifyEmulator("127.0.0.1", port);
            emulator.server.start();
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("the siteverify stand-in could not listen on 127.0.0.1:" + port, e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The provider's siteverify at this stand-in, for {@code phonegate.bot-check.verify-url}. */
    public URI verifyUrl(Provider provider) {
        return endpoint().resolve(provider.verifyPath());
    }

    /** The stand-in widget script of the provider, for {@code phonegate.bot-check.script-url}. */
    public URI scriptUrl(Provider provider) {
        return endpoint().resolve(provider.scriptPath());
    }

    /** Siteverify calls answered for the provider so far, failed and faulted ones included. */
    public long calls(Provider provider) {
        return calls.get(provider).get();
    }

    /** The form of the last siteverify call (its secret included: test keys only). */
    public Map<String, String> lastRequest() {
        return lastRequest.get();
    }

    public void setFaults(SiteverifyFaults newFaults) {
        faults.set(newFaults == null ? SiteverifyFaults.NONE : newFaults);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            Provider verifying = Provider.byVerifyPath(path);
            Provider scripting = Provider.byScriptPath(path);
            if (verifying != null && exchange.getRequestMethod().equals("POST")) {
                verify(exchange, verifying);
            } else if (scripting != null && exchange.getRequestMethod().equals("GET")) {
                send(exchange, 200, "text/javascript; charset=utf-8", WidgetScript.forProvider(scripting));
            } else if (verifying != null || scripting != null) {
                exchange.getResponseHeaders().set("Allow", verifying != null ? "POST" : "GET");
                send(exchange, 405, "text/plain", "method not allowed");
            } else {
                send(exchange, 404, "text/plain", "no such path: the stand-in answers at " + paths());
            }
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", "the stand-in failed: " + e.getClass().getSimpleName());
        } finally {
            exchange.close();
        }
    }

    private void verify(HttpExchange exchange, Provider provider) throws IOException {
        calls.get(provider).incrementAndGet();
        SiteverifyFaults now = faults.get();
        if (now.latencyMs() > 0) {
            try {
                Thread.sleep(now.latencyMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (now.down()) {
            send(exchange, 503, "text/plain", "service unavailable");
            return;
        }
        Map<String, String> form;
        try {
            form = read(exchange, provider);
        } catch (IllegalArgumentException e) {
            Map<String, Object> bad = new LinkedHashMap<>();
            bad.put("success", false);
            bad.put("error-codes", List.of("bad-request"));
            send(exchange, provider == Provider.TURNSTILE ? 400 : 200, "application/json", JSON.writeValueAsString(bad));
            return;
        }
        lastRequest.set(Map.copyOf(form));
        send(exchange, 200, "application/json", JSON.writeValueAsString(judge.judge(provider, form)));
    }

    /** Form-encoded, as every provider takes; Turnstile also takes JSON. */
    private static Map<String, String> read(HttpExchange exchange, Provider provider) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new IllegalArgumentException("body too large");
            }
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        Map<String, String> form = new LinkedHashMap<>();
        if (provider == Provider.TURNSTILE && type.startsWith("application/json")) {
            try {
                JsonNode json = JSON.readTree(body);
                json.propertyNames().forEach(name -> form.put(name, json.get(name).asString()));
            } catch (JacksonException e) {
                throw new IllegalArgumentException("not JSON");
            }
            return form;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }

    private void handleFaults(HttpExchange exchange) throws IOException {
        try {
            switch (exchange.getRequestMethod()) {
                case "POST", "PUT" -> {
                    try (InputStream in = exchange.getRequestBody()) {
                        JsonNode json = JSON.readTree(new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8));
                        faults.set(new SiteverifyFaults(json.path("down").asBoolean(false), json.path("latencyMs").asLong(0)));
                    } catch (JacksonException | IllegalArgumentException e) {
                        send(exchange, 400, "text/plain", "faults: {\"down\":true,\"latencyMs\":100}");
                        return;
                    }
                    sendFaults(exchange);
                }
                case "GET" -> sendFaults(exchange);
                case "DELETE" -> {
                    faults.set(SiteverifyFaults.NONE);
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> send(exchange, 405, "text/plain", "GET, POST, DELETE");
            }
        } finally {
            exchange.close();
        }
    }

    private void sendFaults(HttpExchange exchange) throws IOException {
        SiteverifyFaults now = faults.get();
        send(exchange, 200, "application/json", JSON.writeValueAsString(Map.of("down", now.down(), "latencyMs", now.latencyMs())));
    }

    private static String paths() {
        StringBuilder all = new StringBuilder();
        for (Provider provider : Provider.values()) {
            all.append(provider.verifyPath()).append(", ").append(provider.scriptPath()).append(", ");
        }
        return all.append("/_faults").toString();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
