package io.phonegate.reaper.cognito;

import java.util.Optional;

/**
 * When a user may be deleted: only if it is the user the caller knows ({@code sub}), it is
 * still {@code UNCONFIRMED} or its phone number is not verified, and no operator disabled it.
 */
final class PendingUserRule {

    static final String UNCONFIRMED = "UNCONFIRMED";

    private PendingUserRule() {
    }

    /** @return why the user must be kept, or empty when it may be deleted */
    static Optional<Verdict> reasonToKeep(String expectedSub, String sub, String status, boolean enabled,
                                          boolean phoneVerified) {
        if (!expectedSub.equals(sub)) {
            return Optional.of(Verdict.REPLACED);
        }
        if (!UNCONFIRMED.equals(status) && phoneVerified) {
            return Optional.of(Verdict.VERIFIED);
        }
        if (!enabled) {
            return Optional.of(Verdict.DISABLED);
        }
        return Optional.empty();
    }
}
