package io.phonegate.gateway.limits;

import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.common.store.AdmissionTicket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Admits starts before any Cognito call: per number (cooldown, rolling hour and day), its wrong
 * answers, its country's hour, and the day's budget with its share for known numbers. A start takes
 * its slot first, so parallel starts cannot both pass, and gives it back if it fails, so a failed
 * start costs the user nothing. Fails closed: without the store, no start is admitted.
 */
public final class Admission {

    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    private final AdmissionStore store;
    private final StoreKeys keys;
    private final StoreCalls calls;
    private final EdgeRefusals refusals;
    private final LimitSettings settings;
    private final Clock clock;

    Admission(AdmissionStore store, StoreKeys keys, StoreCalls calls, EdgeRefusals refusals, LimitSettings settings,
              Clock clock) {
        this.store = store;
        this.keys = keys;
        this.calls = calls;
        this.refusals = refusals;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Takes a slot for a code to {@code phone}.
     *
     * @return the slot, to {@link #release} if the code is not sent after all
     * @throws RateLimitedException      when a limit refuses it
     * @throws StoreUnavailableException when the store cannot decide
     */
    public Slot admit(PhoneNumber phone) {
        String subject = keys.subject(phone);
        Verdict<Slot> verdict = calls.call(StoreDecision.ADMISSION,
                () -> store.admit(subject, phone.regionCode(), clock.instant()));
        if (!verdict.isGranted()) {
            throw refusals.refused(verdict);
        }
        return verdict.grant();
    }

    /** Gives back a slot of a start that failed; if the store cannot take it back now, the slot stays counted. */
    public void release(Slot slot) {
        try {
            calls.call(StoreDecision.ADMISSION_RELEASE, () -> {
                store.release(slot);
                return null;
            });
        } catch (StoreUnavailableException e) {
            // Counted as admission_release/fail_closed; the original failure is what the client hears about.
        }
    }

    /**
     * Tells the dispatcher the start's {@code 202} has left for the client, so it may send the code, which
     * it does only then: a gateway that dies between queueing the code and answering sends nothing.
     *
     * @param codeExpiresAt the mark is kept until then, and a minute more for clocks that differ
     * @throws StoreUnavailableException when the store cannot take it now (the caller may try again)
     */
    public void answered(Slot slot, Instant codeExpiresAt) {
        Duration keep = Duration.between(clock.instant(), codeExpiresAt).plus(CLOCK_MARGIN);
        calls.callInBackground(StoreDecision.ADMISSION_ANSWERED, () -> {
            store.answered(slot, keep.isNegative() ? CLOCK_MARGIN : keep);
            return null;
        });
    }

    /** When the next code may be asked for, after this one. */
    public Instant resendAfter(Slot slot) {
        return resendAfter(slot.admittedAt());
    }

    /** When the next code may be asked for, after one admitted at {@code admittedAt}. */
    public Instant resendAfter(Instant admittedAt) {
        return admittedAt.plus(settings.resendCooldown());
    }

    /**
     * One admitted start, with what it takes to give it back.
     *
     * @param login whether it counted against the log-in share of the budget (a number that logged in before)
     */
    public record Slot(String subject, String region, Instant admittedAt, String id, boolean login) {

        /** What the code's request carries so the dispatcher sends it only while this slot stands. */
        public String ticket() {
            return new AdmissionTicket(subject, id).text();
        }
    }
}
