package io.phonegate.gateway.limits;

import java.time.Duration;
import java.time.Instant;

/**
 * Wrong answers per number across all its codes. An answer reserves its place before Cognito
 * judges it, so parallel guesses on any instance cannot overshoot the allowance. The same step
 * marks the challenge handle answered: each handle answers once.
 */
interface WrongAnswerLedger {

    /** How long a handle is remembered as answered: the longest a handle lives (Cognito's longest session). */
    Duration HANDLE_MEMORY = Duration.ofMinutes(15);

    /**
     * Reserves a place for one answer given on the handle {@code handleId} and marks the handle answered,
     * or refuses (writing nothing) when the number's allowance is used up.
     */
    Verdict<WrongAnswers.Reservation> reserve(String subject, String handleId, Instant now);

    /** The answer was right: gives the place back and marks the number as logged in for {@code remember}. */
    void accepted(WrongAnswers.Reservation reservation, Duration remember);

    /** Cognito could not judge the answer: gives the place back, and the handle if this answer took it. */
    void giveBack(WrongAnswers.Reservation reservation);
}
