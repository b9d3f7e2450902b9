package io.phonegate.gateway.delivery;

import java.util.Locale;

/** Where a challenge's code is, as the person who asked for it is told. */
public enum ChallengeStatus {
    /** Handed over to be texted; no word from the SMS provider yet. */
    QUEUED,
    /** The SMS provider accepted the text. */
    SENT,
    /** It will not arrive; {@link FailureReason} says what to do. */
    FAILED,
    /** The code no longer works, whatever became of the text: ask for a new one. */
    EXPIRED;

    /** The name in the API: {@code queued}, {@code sent}, {@code failed}, {@code expired}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
