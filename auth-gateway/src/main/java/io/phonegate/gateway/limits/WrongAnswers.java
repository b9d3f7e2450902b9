package io.phonegate.gateway.limits;

import io.phonegate.common.phone.PhoneNumber;

import java.time.Clock;

/**
 * The per-number wrong-answer allowance across codes. A verify reserves one wrong answer before its
 * code goes to Cognito and gives it back when the code was right or Cognito could not judge it, so
 * parallel guesses cannot overshoot. Known and unknown numbers are counted alike. The reservation
 * also marks the challenge handle answered, so a handle answers once, whatever is behind it. Fails closed.
 */
public final class WrongAnswers {

    private final WrongAnswerLedger ledger;
    private final StoreKeys keys;
    private final StoreCalls calls;
    private final EdgeRefusals refusals;
    private final LimitSettings settings;
    private final Clock clock;

    WrongAnswers(WrongAnswerLedger ledger, StoreKeys keys, StoreCalls calls, EdgeRefusals refusals,
                 LimitSettings settings, Clock clock) {
        this.ledger = ledger;
        this.keys = keys;
        this.calls = calls;
        this.refusals = refusals;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Reserves a wrong answer for {@code phone}, given on the challenge handle {@code handleId} (a random id
     * of the handle, at most 64 URL-safe characters), and marks that handle answered.
     *
     * @throws RateLimitedException      {@code wrong_answers} when the number's allowance is used up
     * @throws StoreUnavailableException when the store cannot decide
     */
    public Reservation reserve(PhoneNumber phone, String handleId) {
        String subject = keys.subject(phone);
        Verdict<Reservation> verdict = calls.call(StoreDecision.WRONG_ANSWER_RESERVE,
                () -> ledger.reserve(subject, handleId, clock.instant()));
        if (!verdict.isGranted()) {
            throw refusals.refused(verdict);
        }
        return verdict.grant();
    }

    /** The answer was right: the reservation is given back and the number is remembered as logged in. */
    public void accepted(Reservation reservation) {
        settle(() -> ledger.accepted(reservation, settings.verifiedMemory()));
    }

    /** Cognito could not judge the answer: the reservation is given back. */
    public void giveBack(Reservation reservation) {
        settle(() -> ledger.giveBack(reservation));
    }

    private void settle(Runnable command) {
        try {
            calls.call(StoreDecision.WRONG_ANSWER_SETTLE, () -> {
                command.run();
                return null;
            });
        } catch (StoreUnavailableException e) {
            // Counted as wrong_answer_settle/fail_closed: the answer stays counted, the request goes on.
        }
    }

    /**
     * One answer's place in the allowance.
     *
     * @param answeredBefore the handle had been answered already: the answer is over, as a used Cognito session is
     */
    public record Reservation(String subject, String id, String handleId, boolean answeredBefore) {
    }
}
