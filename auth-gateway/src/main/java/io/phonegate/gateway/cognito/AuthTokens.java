package io.phonegate.gateway.cognito;

/**
 * Tokens Cognito issued.
 *
 * @param refreshToken {@code null} when Cognito issued none (a refresh keeps the old one)
 * @param expiresIn    seconds the ID and access tokens live
 */
public record AuthTokens(String idToken, String accessToken, String refreshToken, int expiresIn, String tokenType) {

    @Override
    public String toString() {
        return "AuthTokens[expiresIn=" + expiresIn + ", tokenType=" + tokenType + "]";
    }
}
