package io.phonegate.gateway.limits;

import java.time.Duration;
import java.time.Instant;

/**
 * Admission of starts: every limit on sending a code (number, wrong answers, country, daily budget),
 * decided and counted in one atomic step, so parallel starts on any instance cannot overshoot.
 */
interface AdmissionStore {

    /** Counts one start for the number in the region, or refuses it without counting anything. */
    Verdict<Admission.Slot> admit(String subject, String region, Instant now);

    /** Gives back a start that sent no code; giving back twice changes nothing. */
    void release(Admission.Slot slot);

    /**
     * Marks the start as answered {@code 202}, for {@code keep}: only then may the dispatcher send its
     * code. Marking twice changes nothing.
     */
    void answered(Admission.Slot slot, Duration keep);
}
