package io.phonegate.triggers.challenge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the trigger event JSON exactly as Lambda (or the Cognito emulator) hands it over,
 * lets the trigger fill in {@code response}, and writes the whole event back, which is
 * what Cognito expects from a trigger.
 */
public abstract class TriggerHandler implements RequestStreamHandler {

    /** The user name of made-up requests; not a phone number, so it can never be a real user's. */
    protected static final String PRIMING_USER = "phonegate-priming";
    /** The phone of made-up requests: a fictional number (NANP 555-01xx). */
    protected static final String PRIMING_PHONE = "+12025550100";

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) {
        Map<String, Object> event = EventJson.readObject(input);
        respond(new TriggerEvent(event));
        EventJson.write(event, output);
    }

    /** Fills {@code event.response()} from the event's request. */
    protected abstract void respond(TriggerEvent event);

    /**
     * Runs one made-up request through the whole trigger: what the Lambda constructors do, so the classes
     * and code paths of a real request (JSON, the cipher, the MAC, time parsing) are loaded and run once
     * during Lambda's init phase. With SnapStart, init runs before the snapshot and the first real request
     * after a restore does not pay for them; without it, this is work the first request would do anyway,
     * moved before it. Nothing computed here is kept: the Lambda constructors throw the answer away.
     *
     * @return the made-up request's {@code response}
     */
    public abstract Map<String, Object> prime();

    /** Runs {@code request} in an event shaped as Cognito sends it through {@link #handleRequest}; returns its {@code response}. */
    @SuppressWarnings("unchecked")
    protected final Map<String, Object> prime(String triggerSource, Map<String, Object> request) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "1");
        event.put("region", "priming");
        event.put("userPoolId", "priming");
        event.put("userName", PRIMING_USER);
        event.put("callerContext", Map.of("awsSdkVersion", "priming", "clientId", "priming"));
        event.put("triggerSource", triggerSource);
        event.put("request", request);
        event.put("response", Map.of());
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        EventJson.write(event, json);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handleRequest(new ByteArrayInputStream(json.toByteArray()), answer, null);
        return (Map<String, Object>) EventJson.readObject(new ByteArrayInputStream(answer.toByteArray())).get("response");
    }
}
