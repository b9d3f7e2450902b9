package io.phonegate.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key that names numbers and addresses in the shared store ({@code phonegate.store.subject-key},
 * {@code PHONEGATE_STORE_SUBJECT_KEY}): base64 of at least 32 random bytes, the same on every gateway.
 * Empty: derived from the app client's secret, which every gateway already shares.
 */
@ConfigurationProperties("phonegate.store")
record StoreKeySettings(@DefaultValue("") String subjectKey) {

    @Override
    public String toString() {
        return "StoreKeySettings[subjectKey=***]";
    }
}
