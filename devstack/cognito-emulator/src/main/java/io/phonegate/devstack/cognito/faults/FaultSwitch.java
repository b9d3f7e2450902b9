package io.phonegate.devstack.cognito.faults;

import io.phonegate.devstack.cognito.CognitoFaults;
import io.phonegate.devstack.cognito.wire.CognitoException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The faults in force and what they do to one call: {@code POST /_faults} replaces them (a field left
 * out is zero, false or empty), {@code GET} shows them, {@code DELETE} clears them.
 */
public final class FaultSwitch {

    private static final Set<String> FIELDS = Set.of("throttleRate", "errorRate", "latencyMs", "down", "operations");

    private final AtomicReference<CognitoFaults> faults = new AtomicReference<>(CognitoFaults.NONE);
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong injected = new AtomicLong();

    public CognitoFaults current() {
        return faults.get();
    }

    public void set(CognitoFaults newFaults) {
        faults.set(newFaults == null ? CognitoFaults.NONE : newFaults);
    }

    /** @return whether {@code operation}'s connection must be closed unanswered (the endpoint is "down") */
    public boolean refuses(String operation) {
        CognitoFaults now = faults.get();
        if (now.down() && now.appliesTo(operation)) {
            refused.incrementAndGet();
            return true;
        }
        return false;
    }

    /** The error this call answers instead of doing its work, if the draw says so. */
    public Optional<CognitoException> errorFor(String operation) {
        CognitoFaults now = faults.get();
        if (!now.appliesTo(operation)) {
            return Optional.empty();
        }
        double draw = ThreadLocalRandom.current().nextDouble();
        if (draw < now.throttleRate()) {
            injected.incrementAndGet();
            return Optional.of(CognitoException.tooManyRequests());
        }
        if (draw < now.throttleRate() + now.errorRate()) {
            injected.incrementAndGet();
            return Optional.of(CognitoException.internalError("Internal server error."));
        }
        return Optional.empty();
    }

    /** Waits the injected latency before {@code operation} answers. */
    public void delay(String operation) {
        CognitoFaults now = faults.get();
        if (now.latencyMs() <= 0 || !now.appliesTo(operation)) {
            return;
        }
        try {
            TimeUnit.MILLISECONDS.sleep(now.latencyMs());
        } catch (InterruptedException e) {
            // the emulator is stopping: answer at once
            Thread.currentThread().interrupt();
        }
    }

    /** Calls whose connection was closed unanswered because the endpoint was "down". */
    public long refusedCount() {
        return refused.get();
    }

    /** Calls answered with an injected throttling or internal error. */
    public long injectedCount() {
        return injected.get();
    }

    /** @throws CognitoException InvalidParameterException naming what is wrong with the body */
    public static CognitoFaults parse(ObjectNode body) {
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw CognitoException.invalidParameter("Unknown fault field " + name + "; known: " + FIELDS);
            }
        }
        try {
            return new CognitoFaults(number(body, "throttleRate"), number(body, "errorRate"),
                    (long) number(body, "latencyMs"), flag(body, "down"), names(body, "operations"));
        } catch (IllegalArgumentException e) {
            throw CognitoException.invalidParameter(e.getMessage());
        }
    }

    public static ObjectNode view(JsonMapper json, CognitoFaults faults) {
        ObjectNode view = json.createObjectNode();
        view.put("throttleRate", faults.throttleRate());
        view.put("errorRate", faults.errorRate());
        view.put("latencyMs", faults.latencyMs());
        view.put("down", faults.down());
        faults.operations().stream().sorted().forEach(view.putArray("operations")::add);
        return view;
    }

    private static double number(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isNumber()) {
            throw CognitoException.invalidParameter(name + " must be a number");
        }
        return value.asDouble();
    }

    private static boolean flag(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw CognitoException.invalidParameter(name + " must be true or false");
        }
        return value.booleanValue();
    }

    private static Set<String> names(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return Set.of();
        }
        if (!value.isArray()) {
            throw CognitoException.invalidParameter(name + " must be an array of operation names");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode element : value) {
            if (!element.isString()) {
                throw CognitoException.invalidParameter(name + " must be an array of operation names");
            }
            names.add(element.stringValue());
        }
        return names;
    }
}
