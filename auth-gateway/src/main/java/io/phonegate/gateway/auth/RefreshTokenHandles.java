package io.phonegate.gateway.auth;

import io.phonegate.gateway.problem.ApiProblem;
import io.phonegate.gateway.problem.Problem;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The refresh token clients hold: Cognito's refresh token with the username in front
 * ({@code pg1.<base64url(username)>.<Cognito's token>}). An app client with a secret must send
 * {@code SECRET_HASH} on a refresh, and that hash is made from the username, which Cognito's
 * opaque token does not reveal; carrying it keeps {@code /refresh} and {@code /logout} stateless.
 * The username is the one in the ID token ({@code cognito:username}): the phone number, or where the
 * number is a username attribute the name Cognito gave the user (its {@code sub}).
 */
@Component
class RefreshTokenHandles {

    private static final String PREFIX = "pg1.";
    /** Cognito usernames are at most 128 characters: 171 in base64url. */
    private static final Pattern HANDLE = Pattern.compile("pg1\\.[A-Za-z0-9_-]{4,171}\\.[A-Za-z0-9._~+/=-]{20,8192}");

    record Opened(String username, String refreshToken) {
        @Override
        public String toString() {
            return "Opened[refreshToken=***]";
        }
    }

    String wrap(String username, String refreshToken) {
        if (refreshToken == null) {
            return null;
        }
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(username.getBytes(StandardCharsets.UTF_8))
                + "." + refreshToken;
    }

    Opened open(String handle) {
        if (handle == null) {
            throw new ApiProblem(Problem.INVALID_REQUEST, "field 'refreshToken' is required");
        }
        if (!HANDLE.matcher(handle).matches()) {
            throw invalid();
        }
        int secondDot = handle.indexOf('.', PREFIX.length());
        try {
            String username = new String(Base64.getUrlDecoder().decode(handle.substring(PREFIX.length(), secondDot)),
                    StandardCharsets.UTF_8);
            return new Opened(username, handle.substring(secondDot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ApiProblem invalid() {
        return new ApiProblem(Problem.INVALID_REFRESH_TOKEN, "this is not a refresh token this service gave out");
    }
}
