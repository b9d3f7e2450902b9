package io.phonegate.reaper.cognito;

import java.util.Optional;

/**
 * When a user may be deleted: only if it is the user the caller was told about, it never completed
 * sign-up, it is still pending ({@code UNCONFIRMED}, or {@code CONFIRMED} with its phone not verified),
 * and no operator disabled it.
 */
final class PendingUserRule {

    private PendingUserRule() {
    }

    /** @return why the user must be kept, or empty when it may be deleted */
    static Optional<Verdict> reasonToKeep(ExpectedUser expected, DirectoryUser user) {
        if (!expected.matches(user.sub(), user.createdAt())) {
            return Optional.of(Verdict.REPLACED);
        }
        if (user.everCompleted()) {
            return Optional.of(Verdict.VERIFIED);
        }
        if (!DirectoryUser.UNCONFIRMED.equals(user.status()) && user.phoneVerified()) {
            return Optional.of(Verdict.VERIFIED);
        }
        if (!user.pending()) {
            return Optional.of(Verdict.NOT_PENDING);
        }
        if (!user.enabled()) {
            return Optional.of(Verdict.DISABLED);
        }
        return Optional.empty();
    }
}
