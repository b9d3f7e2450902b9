package io.phonegate.gateway.limits;

import java.time.Duration;
import java.time.Instant;

/**
 * Wrong answers per number across all its codes. An answer reserves its place before Cognito
 * judges it, so parallel guesses on any instance cannot overshoot the allowance.
 */
interface WrongAnswerLedger {

    /** Reserves a place for one answer, or refuses when the number's allowance is used up. */
    Verdict<WrongAnswers.Reservation> reserve(String subject, Instant now);

    /** The answer was right: gives the place back and marks the number as logged in for {@code remember}. */
    void accepted(WrongAnswers.Reservation reservation, Duration remember);

    /** Cognito could not judge the answer: gives the place back. */
    void giveBack(WrongAnswers.Reservation reservation);
}
