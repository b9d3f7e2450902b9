package io.phonegate.dispatcher.backstop;

import io.phonegate.common.event.DeliveryOutcome;

/**
 * Why the backstop refused a code; {@link #tag()} is the {@code reason} label of
 * {@code phonegate_otp_backstop_refusals_total}. The report's outcome says whether asking again can
 * help: a number over its daily cap may get a code tomorrow ({@code RATE_LIMITED}, as any limit);
 * a country or a number type that is not allowed never will ({@code FAILED}, as SNS refusing an
 * invalid number).
 */
public enum BackstopRefusal {
    COUNTRY("country", DeliveryOutcome.FAILED),
    NUMBER_TYPE("number_type", DeliveryOutcome.FAILED),
    NUMBER_CAP("number_cap", DeliveryOutcome.RATE_LIMITED);

    private final String tag;
    private final DeliveryOutcome outcome;

    BackstopRefusal(String tag, DeliveryOutcome outcome) {
        this.tag = tag;
        this.outcome = outcome;
    }

    public String tag() {
        return tag;
    }

    public DeliveryOutcome outcome() {
        return outcome;
    }
}
