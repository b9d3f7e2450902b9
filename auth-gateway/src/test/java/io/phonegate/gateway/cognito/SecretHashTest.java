package io.phonegate.gateway.cognito;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretHashTest {

    @Test
    void secretHashIsBase64OfHmacSha256OfUsernameAndClientIdKeyedWithTheSecret() {
        // echo -n "+919876543210phonegatelocalclient" | openssl dgst -sha256 -hmac phonegate-local-secret -binary | base64
        assertThat(new SecretHash("phonegate-local-secret", "phonegatelocalclient").of("+919876543210"))
                .isEqualTo("jyWRa+IA16wFhSX8iteiaiv78xSsJBc0Ln3dzoOFjNI=");
    }
}
