package io.phonegate.dispatcher.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.Base64;

/**
 * {@code phonegate.store.*}, the shared store's settings beyond {@code spring.data.redis.*}.
 *
 * @param subjectKey base64 of at least 32 secret bytes, the same on every dispatcher instance: what
 *                   phone numbers are hashed with before they name a store key
 *                   ({@code PHONEGATE_STORE_SUBJECT_KEY}). When unset, a key derived from the sealing
 *                   key is used, which changes (and restarts the per-number counts once) when the
 *                   sealing key is rotated.
 */
@Validated
@ConfigurationProperties("phonegate.store")
public record StoreProperties(String subjectKey) {

    public StoreProperties {
        subjectKey = subjectKey == null || subjectKey.isBlank() ? null : subjectKey.strip();
    }

    /** The key's bytes, or null when none is set. */
    public byte[] subjectKeyBytes() {
        if (subjectKey == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(subjectKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("phonegate.store.subject-key (PHONEGATE_STORE_SUBJECT_KEY) is not valid base64");
        }
    }

    /** A secret: never in a log line or an error. */
    @Override
    public String toString() {
        return "StoreProperties[subjectKey=" + (subjectKey == null ? "(derived)" : "(hidden)") + "]";
    }
}
