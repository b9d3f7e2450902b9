package io.phonegate.triggers.challenge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads the trigger event JSON exactly as Lambda (or the Cognito emulator) hands it over,
 * lets the trigger fill in {@code response}, and writes the whole event back, which is
 * what Cognito expects from a trigger.
 */
public abstract class TriggerHandler implements RequestStreamHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) {
        JsonNode root = JSON.readTree(input);
        if (!(root instanceof ObjectNode event)) {
            throw new IllegalArgumentException("a Cognito trigger event must be a JSON object");
        }
        respond(new TriggerEvent(event));
        JSON.writeValue(output, event);
    }

    /** Fills {@code event.response()} from the event's request. */
    protected abstract void respond(TriggerEvent event);
}
