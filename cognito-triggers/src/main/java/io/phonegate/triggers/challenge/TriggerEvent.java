package io.phonegate.triggers.challenge;

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

    private final Map<String, Object> event;
    private final Map<String, Object> request;
    private final Map<String, Object> response;

    /** @param event the whole event as {@link EventJson} reads it */
    TriggerEvent(Map<String, Object> event) {
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
        return Optional.ofNullable(text(object(request.get("userAttributes")).get(name)));
    }

    public boolean userNotFound() {
        return Boolean.TRUE.equals(request.get("userNotFound"));
    }

    /** {@code request.session}: the rounds so far, oldest first. */
    public List<SessionEntry> session() {
        List<SessionEntry> entries = new ArrayList<>();
        if (request.get("session") instanceof List<?> rounds) {
            for (Object element : rounds) {
                Map<String, Object> round = object(element);
                entries.add(new SessionEntry(
                        text(round.get("challengeName")),
                        Boolean.TRUE.equals(round.get("challengeResult")),
                        text(round.get("challengeMetadata"))));
            }
        }
        return entries;
    }

    public Map<String, String> privateChallengeParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        object(request.get("privateChallengeParameters")).forEach((name, value) -> parameters.put(name, text(value)));
        return parameters;
    }

    /** One entry of {@code request.clientMetadata}: what the caller of {@code RespondToAuthChallenge} passed. */
    public Optional<String> clientMetadata(String key) {
        return Optional.ofNullable(text(object(request.get("clientMetadata")).get(key)));
    }

    public Optional<String> challengeAnswer() {
        return Optional.ofNullable(text(request.get("challengeAnswer")));
    }

    /**
     * {@code response}, written back to Cognito with the rest of the event: put {@code String},
     * {@code Boolean}, {@code null}, or a {@code Map<String, String>} for a parameter object.
     */
    public Map<String, Object> response() {
        return response;
    }

    /** The field as an object, replaced by an empty one when absent or not an object. */
    private static Map<String, Object> objectField(Map<String, Object> parent, String name) {
        if (parent.get(name) instanceof Map<?, ?>) {
            return object(parent.get(name));
        }
        Map<String, Object> created = new LinkedHashMap<>();
        parent.put(name, created);
        return created;
    }

    /** A JSON object as read by {@link EventJson} (its keys are strings), or an empty one for anything else. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    private static String text(Object value) {
        return value instanceof String text ? text : null;
    }

    /** One round of {@code request.session}. */
    public record SessionEntry(String challengeName, boolean challengeResult, String challengeMetadata) {
    }
}
