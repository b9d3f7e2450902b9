package io.phonegate.devstack.cognito.users;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of one user. The store hands out copies, so a caller never sees a half-made change.
 *
 * @param attributes every attribute, {@code sub} included, in the order they were set
 */
public record User(String username, String sub, Map<String, String> attributes, UserStatus status,
                   boolean enabled, Instant createdAt, Instant modifiedAt) {

    public User {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public boolean phoneNumberVerified() {
        return "true".equals(attributes.get("phone_number_verified"));
    }

    /** Cognito's user statuses; Phonegate meets the first two. */
    public enum UserStatus { UNCONFIRMED, CONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED }
}
