package io.phonegate.dispatcher.message;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code phonegate.seal.*}: the keys that open sealed codes. No default: they come from the
 * environment ({@code PHONEGATE_SEAL_KEYS}, {@code PHONEGATE_SEAL_SEALING_KEY_ID}) and the
 * dispatcher does not start without them.
 */
@Validated
@ConfigurationProperties("phonegate.seal")
public record SealProperties(
        @NotBlank(message = "is required: set PHONEGATE_SEAL_KEYS (phonegate.seal.keys) to id:base64-of-32-bytes[,id:base64…], the same keys the Create trigger seals with")
        String keys,
        String sealingKeyId) {

    /** Keys are secrets: never in a log line or an error. */
    @Override
    public String toString() {
        return "SealProperties[keys=(hidden), sealingKeyId=" + sealingKeyId + "]";
    }
}
