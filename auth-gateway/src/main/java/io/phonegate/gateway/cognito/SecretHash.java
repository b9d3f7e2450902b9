package io.phonegate.gateway.cognito;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** Cognito's {@code SECRET_HASH}: Base64(HmacSHA256(key = client secret, message = username + client id)). */
final class SecretHash {

    private final SecretKeySpec key;
    private final String clientId;

    SecretHash(String clientSecret, String clientId) {
        this.key = new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clientId = clientId;
    }

    String of(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] hash = mac.doFinal((username + clientId).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
