package io.phonegate.gateway.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * What a challenge handle carries so that any gateway can answer its delivery status without asking
 * anything at start time: the Create trigger's challenge id (the key of the dispatcher's report), when
 * the start was admitted and when the code stops working (as the start answered both), and, for a
 * challenge that is never texted (a disabled user's look-alike, a test number), when it shows as sent.
 *
 * @param challengeId     the Create trigger's id; a random one of the same form for a look-alike
 * @param startedAt       the start's admission instant
 * @param expiresAt       the code's expiry as the start answered it
 * @param simulatedSentAt for a challenge no SMS is sent for: when its status turns to sent, picked like a
 *                        real send's time; {@code null} when a report from the dispatcher will come
 */
public record Tracking(String challengeId, Instant startedAt, Instant expiresAt, Instant simulatedSentAt) {

    public Tracking {
        Objects.requireNonNull(challengeId, "challengeId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the dispatcher reports on this challenge (it was handed over to be texted). */
    public boolean texted() {
        return simulatedSentAt == null;
    }
}
