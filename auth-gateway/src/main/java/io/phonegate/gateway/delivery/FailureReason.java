package io.phonegate.gateway.delivery;

import io.phonegate.common.event.DeliveryOutcome;

import java.util.Optional;

/**
 * Why a code will not arrive, in words a person can act on. Read from the dispatcher's report: its
 * outcome, and for {@code FAILED} the start of its reason (the dispatcher writes {@code "SNS refused the
 * SMS: <error code>"}, {@code "backstop: …"}, {@code "withdrawn: …"}).
 */
public enum FailureReason {
    CANNOT_RECEIVE_SMS("cannot_receive_sms", "This number cannot receive text messages. Check the number, or use another one."),
    NOT_SENT_IN_TIME("not_sent_in_time", "We could not send the code in time. Ask for a new one."),
    TOO_MANY_CODES("too_many_codes", "Too many codes were sent to this number today. Try again tomorrow."),
    NOT_SENT("not_sent", "We could not send the code. Ask for a new one.");

    /** SNS's answer for a number it will not deliver to (not a mobile number, not a number at all). */
    private static final String UNDELIVERABLE = "SNS refused the SMS: InvalidParameter";
    private static final String BACKSTOP_COUNTRY = "backstop: codes to ";
    private static final String BACKSTOP_NUMBER_TYPE = "backstop: the number is not a valid mobile number";

    private final String slug;
    private final String detail;

    FailureReason(String slug, String detail) {
        this.slug = slug;
        this.detail = detail;
    }

    public String slug() {
        return slug;
    }

    public String detail() {
        return detail;
    }

    /** Empty for a report that says nothing is wrong ({@code SENT}) or nothing new ({@code DUPLICATE}). */
    static Optional<FailureReason> of(DeliveryOutcome outcome, String reason) {
        return switch (outcome) {
            case SENT, DUPLICATE -> Optional.empty();
            case EXPIRED -> Optional.of(NOT_SENT_IN_TIME);
            case RATE_LIMITED -> Optional.of(TOO_MANY_CODES);
            case FAILED -> Optional.of(undeliverable(reason) ? CANNOT_RECEIVE_SMS : NOT_SENT);
        };
    }

    private static boolean undeliverable(String reason) {
        return reason != null && (reason.startsWith(UNDELIVERABLE) || reason.startsWith(BACKSTOP_COUNTRY)
                || reason.startsWith(BACKSTOP_NUMBER_TYPE));
    }

    static Optional<FailureReason> ofSlug(String slug) {
        for (FailureReason reason : values()) {
            if (reason.slug.equals(slug)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
