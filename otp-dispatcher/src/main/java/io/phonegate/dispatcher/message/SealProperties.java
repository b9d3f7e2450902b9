package io.phonegate.dispatcher.message;

import io.phonegate.common.seal.CodeSeal;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.Base64;

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

    /**
     * The sealing key's own bytes, a secret to derive other keys from.
     *
     * @throws IllegalArgumentException in {@link CodeSeal}'s words when the keys are malformed
     */
    public byte[] sealingKeyBytes() {
        String sealing = CodeSeal.fromConfig(keys, sealingKeyId).sealingKeyId();
        for (String entry : keys.split(",")) {
            String trimmed = entry.strip();
            if (trimmed.startsWith(sealing + ":")) {
                return Base64.getDecoder().decode(trimmed.substring(sealing.length() + 1).strip());
            }
        }
        throw new IllegalStateException("the sealing key passed CodeSeal's checks but is not in the keys");
    }

    /** Keys are secrets: never in a log line or an error. */
    @Override
    public String toString() {
        return "SealProperties[keys=(hidden), sealingKeyId=" + sealingKeyId + "]";
    }
}
