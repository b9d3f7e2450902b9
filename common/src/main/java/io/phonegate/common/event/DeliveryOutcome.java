package io.phonegate.common.event;

/** How one {@link OtpRequested} ended. Every request ends in exactly one of these. */
public enum DeliveryOutcome {
    /** The SMS provider accepted the message. */
    SENT,
    /** The provider refused it for good (invalid number, opted out, not authorised). */
    FAILED,
    /** A limit stopped it (the dispatcher's backstop: a daily cap per number far above the gateway's limits); no SMS was sent. */
    RATE_LIMITED,
    /** The code expired before it could be sent, whether waiting or retrying; no SMS was sent. */
    EXPIRED,
    /** The same request was already handled; no second SMS was sent. */
    DUPLICATE
}
