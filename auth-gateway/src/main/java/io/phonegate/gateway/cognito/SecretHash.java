package io.phonegate.gateway.cognito;

import io.phonegate.common.keys.HmacSha256;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Cognito's {@code SECRET_HASH}: Base64(HmacSHA256(key = client secret, message = username + client id)). */
final class SecretHash {

    private final HmacSha256 hmac;
    private final String clientId;

    SecretHash(String clientSecret, String clientId) {
        this.hmac = new HmacSha256(clientSecret.getBytes(StandardCharsets.UTF_8));
        this.clientId = clientId;
    }

    String of(String username) {
        return Base64.getEncoder().encodeToString(hmac.of((username + clientId).getBytes(StandardCharsets.UTF_8)));
    }
}
