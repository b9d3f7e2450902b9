package io.phonegate.devstack.faults;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The users of the pool as an operator's tool sees them: {@code ListUsers} over Cognito's wire
 * protocol (AWS JSON 1.1), page by page, not the emulator's insides.
 */
final class CognitoUsers {

    /** A user as the suite judges it. {@code pending}: exists, not verified and never completed sign-up. */
    record UserState(String username, String status, boolean phoneVerified, boolean completed) {

        boolean pending() {
            return !completed && (!phoneVerified || "UNCONFIRMED".equals(status));
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI endpoint;
    private final String userPoolId;

    CognitoUsers(URI endpoint, String userPoolId) {
        this.endpoint = endpoint;
        this.userPoolId = userPoolId;
    }

    /** Every user of the pool, by username. */
    Map<String, UserState> all() {
        Map<String, UserState> users = new HashMap<>();
        String token = null;
        do {
            ObjectNode body = JSON.createObjectNode().put("UserPoolId", userPoolId).put("Limit", 60);
            if (token != null) {
                body.put("PaginationToken", token);
            }
            JsonNode page = call("ListUsers", body);
            for (JsonNode user : page.path("Users")) {
                Map<String, String> attributes = new HashMap<>();
                for (JsonNode attribute : user.path("Attributes")) {
                    attributes.put(attribute.path("Name").asString(), attribute.path("Value").asString());
                }
                String username = user.path("Username").asString();
                users.put(username, new UserState(username, user.path("UserStatus").asString(),
                        "true".equals(attributes.get("phone_number_verified")),
                        attributes.containsKey("custom:pg_completed")));
            }
            token = page.path("PaginationToken").isMissingNode() ? null : page.path("PaginationToken").asString();
        } while (token != null && !token.isEmpty());
        return users;
    }

    private JsonNode call(String operation, ObjectNode body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(operation + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(operation + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + operation, e);
        }
    }
}
