package io.phonegate.gateway.auth;

import io.phonegate.common.user.UserAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The claims of an ID token the gateway just received from Cognito over TLS. The signature is
 * not checked here: the token did not come from a client. Clients and APIs check it with the JWKS.
 *
 * @param username      {@code cognito:username}: the number, or the name Cognito gave the user where the
 *                      number is a username attribute (refreshing takes a secret hash over it)
 * @param everCompleted the token carries {@code custom:pg_completed} (the app client reads it): the user
 *                      completed sign-up once, whatever its phone's state now
 */
record IdTokenClaims(String sub, String username, boolean phoneNumberVerified, boolean everCompleted) {

    /** Sign-up is done: nothing to mark, nothing to announce as completed. */
    boolean signupCompleted() {
        return phoneNumberVerified || everCompleted;
    }

    static IdTokenClaims of(String idToken, JsonMapper json) {
        String[] parts = idToken == null ? new String[0] : idToken.split("\\.");
        if (parts.length < 2) {
            throw new IllegalStateException("Cognito returned an ID token that is not a JWT");
        }
        JsonNode claims = json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        JsonNode verified = claims.path("phone_number_verified");
        boolean isVerified = verified.isBoolean() ? verified.booleanValue() : "true".equals(verified.asString(""));
        boolean everCompleted = !claims.path(UserAttributes.COMPLETED_AT).asString("").isBlank();
        String username = claims.path("cognito:username").asString("");
        if (username.isBlank()) {
            throw new IllegalStateException("Cognito returned an ID token without cognito:username");
        }
        return new IdTokenClaims(claims.path("sub").asString(""), username, isVerified, everCompleted);
    }
}
