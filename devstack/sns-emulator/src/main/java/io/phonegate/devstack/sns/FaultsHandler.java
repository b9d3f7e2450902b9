package io.phonegate.devstack.sns;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code POST /_faults {"throttleRate":0.3,"errorRate":0.1,"latencyMs":100,"rejectNumbers":["+1..."],"throttleNumbers":[]}}
 * replaces the faults (a field left out is zero or empty); {@code GET} shows them;
 * {@code DELETE} clears them.
 */
final class FaultsHandler implements HttpHandler {

    private static final Set<String> FIELDS = Set.of("throttleRate", "errorRate", "latencyMs", "rejectNumbers", "throttleNumbers");

    private final AtomicReference<Faults> faults;

    FaultsHandler(AtomicReference<Faults> faults) {
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        switch (exchange.getRequestMethod()) {
            case "GET" -> Http.json(exchange, 200, view(faults.get()));
            case "POST", "PUT" -> {
                faults.set(parse(Http.body(exchange)));
                Http.json(exchange, 200, view(faults.get()));
            }
            case "DELETE" -> {
                faults.set(Faults.NONE);
                Http.noContent(exchange);
            }
            default -> Http.methodNotAllowed(exchange, "GET, POST, DELETE");
        }
    }

    static Faults parse(String body) {
        JsonNode root;
        try {
            root = Http.JSON.readTree(body.isBlank() ? "{}" : body);
        } catch (JacksonException e) {
            throw new Http.BadRequest("the faults body must be a JSON object: " + e.getOriginalMessage());
        }
        if (!root.isObject()) {
            throw new Http.BadRequest("the faults body must be a JSON object");
        }
        for (String name : root.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw new Http.BadRequest("unknown field '" + name + "'; known: " + FIELDS);
            }
        }
        try {
            return new Faults(number(root, "throttleRate"), number(root, "errorRate"),
                    (long) number(root, "latencyMs"), numbers(root, "rejectNumbers"), numbers(root, "throttleNumbers"));
        } catch (IllegalArgumentException e) {
            throw new Http.BadRequest(e.getMessage());
        }
    }

    private static double number(JsonNode root, String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isNumber()) {
            throw new Http.BadRequest(name + " must be a number");
        }
        return value.asDouble();
    }

    private static Set<String> numbers(JsonNode root, String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return Set.of();
        }
        if (!value.isArray()) {
            throw new Http.BadRequest(name + " must be an array of E.164 numbers");
        }
        Set<String> numbers = new LinkedHashSet<>();
        for (JsonNode number : value) {
            if (!number.isString()) {
                throw new Http.BadRequest(name + " must be an array of E.164 numbers");
            }
            numbers.add(number.asString());
        }
        return numbers;
    }

    private static Map<String, Object> view(Faults current) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("throttleRate", current.throttleRate());
        view.put("errorRate", current.errorRate());
        view.put("latencyMs", current.latencyMs());
        view.put("rejectNumbers", current.rejectNumbers());
        view.put("throttleNumbers", current.throttleNumbers());
        return view;
    }
}
