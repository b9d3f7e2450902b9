package io.phonegate.gateway.limits;

/**
 * Every call the gateway makes to the shared store, with what happens when the store cannot answer.
 * {@code fail_closed}: the limit errs strict (the request is refused with {@code 503}, or a count is
 * kept that should have been given back). {@code fail_open}: the limit is skipped. {@code pause}: the
 * consumer that needed the store stops and tries again, its offset held.
 */
public enum StoreDecision {
    /** Per-address rate. Open: a store outage must not also stop refreshes and logouts, which need no other
     * store call, and every start and verify behind it is still decided by a closed decision. */
    CLIENT_IP("client_ip", Policy.FAIL_OPEN),
    /** A start against the number, country and budget limits. Closed: a code sent unadmitted costs money. */
    ADMISSION("admission", Policy.FAIL_CLOSED),
    /** Giving back the admission of a start that failed. Closed: the slot stays counted. */
    ADMISSION_RELEASE("admission_release", Policy.FAIL_CLOSED),
    /** Marking a start answered once its {@code 202} left. Closed: unmarked, its code is withdrawn, not sent. */
    ADMISSION_ANSWERED("admission_answered", Policy.FAIL_CLOSED),
    /** Reserving a wrong answer before Cognito judges one. Closed: an uncounted guess is what the ledger stops. */
    WRONG_ANSWER_RESERVE("wrong_answer_reserve", Policy.FAIL_CLOSED),
    /** Giving a reservation back (right answer, or Cognito could not judge). Closed: it stays counted. */
    WRONG_ANSWER_SETTLE("wrong_answer_settle", Policy.FAIL_CLOSED),
    /** Writing down a dispatcher's report. Pause: the consumer waits for the store, so no report is lost. */
    DELIVERY_STATUS_WRITE("delivery_status_write", Policy.PAUSE),
    /** Reading a challenge's delivery for a client. Closed: {@code 503}, for real and look-alike challenges alike. */
    DELIVERY_STATUS_READ("delivery_status_read", Policy.FAIL_CLOSED);

    enum Policy {
        FAIL_CLOSED("fail_closed"), FAIL_OPEN("fail_open"), PAUSE("pause");

        private final String tag;

        Policy(String tag) {
            this.tag = tag;
        }

        String tag() {
            return tag;
        }
    }

    private final String tag;
    private final Policy policy;

    StoreDecision(String tag, Policy policy) {
        this.tag = tag;
        this.policy = policy;
    }

    String tag() {
        return tag;
    }

    Policy policy() {
        return policy;
    }
}
