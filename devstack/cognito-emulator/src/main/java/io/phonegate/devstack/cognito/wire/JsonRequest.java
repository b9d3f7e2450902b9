package io.phonegate.devstack.cognito.wire;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The JSON body of one AWS JSON 1.1 call, with Cognito's validation errors for missing members. */
public record JsonRequest(String operation, ObjectNode body) {

    public Optional<String> optional(String member) {
        JsonNode node = body.get(member);
        return node != null && node.isString() ? Optional.of(node.stringValue()) : Optional.empty();
    }

    /** @throws CognitoException InvalidParameterException in Cognito's "1 validation error detected" form */
    public String required(String member) {
        return optional(member).orElseThrow(() -> CognitoException.invalidParameter(
                "1 validation error detected: Value null at '" + lowerFirst(member)
                        + "' failed to satisfy constraint: Member must not be null"));
    }

    public Optional<Integer> optionalInt(String member) {
        JsonNode node = body.get(member);
        return node != null && node.isIntegralNumber() ? Optional.of(node.intValue()) : Optional.empty();
    }

    /** A {@code {"key":"value"}} member such as AuthParameters, ChallengeResponses or ClientMetadata. */
    public Map<String, String> stringMap(String member) {
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode node = body.get(member);
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getValue().isString()) {
                    map.put(e.getKey(), e.getValue().stringValue());
                }
            });
        }
        return map;
    }

    /** A {@code [{"Name":..,"Value":..}]} member such as UserAttributes. */
    public Map<String, String> attributeList(String member) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (JsonNode attribute : body.path(member)) {
            JsonNode name = attribute.get("Name");
            if (name == null || !name.isString()) {
                throw CognitoException.invalidParameter("1 validation error detected: Value null at '"
                        + lowerFirst(member) + ".member.name' failed to satisfy constraint: Member must not be null");
            }
            JsonNode value = attribute.get("Value");
            attributes.put(name.stringValue(), value != null && value.isString() ? value.stringValue() : "");
        }
        return attributes;
    }

    private static String lowerFirst(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
