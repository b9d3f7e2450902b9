package io.phonegate.dispatcher.report;

import io.phonegate.common.event.DeliveryOutcome;
import io.phonegate.common.event.OtpRequested;

/** Where the one report of each request goes. */
public interface DeliveryReports {

    /**
     * Reports how {@code request} ended.
     *
     * @param published runs once, after the report is durably published; only then may the
     *                  request's offset be committed. Reports of one request carry one event id,
     *                  however often it is reported
     */
    void report(OtpRequested request, Outcome outcome, Runnable published);

    /**
     * The final word on one request.
     *
     * @param reason why, when not {@code SENT}; words only, never the code
     */
    record Outcome(DeliveryOutcome outcome, int attempts, String providerMessageId, String reason) {

        public static Outcome sent(int attempts, String providerMessageId) {
            return new Outcome(DeliveryOutcome.SENT, attempts, providerMessageId, null);
        }

        public static Outcome notSent(DeliveryOutcome outcome, int attempts, String reason) {
            return new Outcome(outcome, attempts, null, reason);
        }
    }
}
