package io.phonegate.gateway.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.phonegate.gateway.cognito.AuthTokens;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Cognito's ID and access tokens, and the gateway's refresh token ({@link RefreshTokenHandles});
 * {@code refreshToken} is absent from a refresh's answer (the client keeps its own).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(String idToken, String accessToken,
                            @Schema(nullable = true) String refreshToken,
                            @Schema(description = "Seconds the ID and access tokens live") int expiresIn,
                            @Schema(example = "Bearer") String tokenType) {

    static TokenResponse of(AuthTokens tokens, String refreshToken) {
        return new TokenResponse(tokens.idToken(), tokens.accessToken(), refreshToken, tokens.expiresIn(),
                tokens.tokenType());
    }
}
