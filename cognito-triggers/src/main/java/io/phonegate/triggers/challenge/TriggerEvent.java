package io.phonegate.triggers.challenge;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One trigger event as Lambda delivers it ({@code version, region, userPoolId, userName,
 * callerContext, triggerSource, request{…}, response{…}}). Reads {@code request} and
 * writes {@code response} in place, so every field Cognito sent goes back unchanged.
 */
public final class TriggerEvent {

    public static final String CUSTOM_CHALLENGE = "CUSTOM_CHALLENGE";

    private final ObjectNode event;
    private final ObjectNode request;
    private final ObjectNode response;

    TriggerEvent(ObjectNode event) {
        this.event = event;
        this.request = objectField(event, "request");
        this.response = objectField(event, "response");
    }

    public String userName() {
        return text(event.get("userName"));
    }

    public String triggerSource() {
        return text(event.get("triggerSource"));
    }

    public Optional<String> userAttribute(String name) {
        return Optional.ofNullable(text(request.path("userAttributes").get(name)));
    }

    public boolean userNotFound() {
        JsonNode node = request.get("userNotFound");
        return node != null && node.isBoolean() && node.booleanValue();
    }

    /** {@code request.session}: the rounds so far, oldest first. */
    public List<SessionEntry> session() {
        List<SessionEntry> entries = new ArrayList<>();
        for (JsonNode round : request.path("session")) {
            JsonNode result = round.get("challengeResult");
            entries.add(new SessionEntry(
                    text(round.get("challengeName")),
                    result != null && result.isBoolean() && result.booleanValue(),
                    text(round.get("challengeMetadata"))));
        }
        return entries;
    }

    public Map<String, String> privateChallengeParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        request.path("privateChallengeParameters").properties()
                .forEach(e -> parameters.put(e.getKey(), text(e.getValue())));
        return parameters;
    }

    /** One entry of {@code request.clientMetadata}: what the caller of {@code RespondToAuthChallenge} passed. */
    public Optional<String> clientMetadata(String key) {
        return Optional.ofNullable(text(request.path("clientMetadata").get(key)));
    }

    public Optional<String> challengeAnswer() {
        return Optional.ofNullable(text(request.get("challengeAnswer")));
    }

    public ObjectNode response() {
        return response;
    }

    private static ObjectNode objectField(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode existing ? existing : parent.putObject(name);
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }

    /** One round of {@code request.session}. */
    public record SessionEntry(String challengeName, boolean challengeResult, String challengeMetadata) {
    }
}
