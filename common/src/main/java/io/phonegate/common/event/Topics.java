package io.phonegate.common.event;

/** Kafka topic names. Every record on them is keyed by the E.164 phone number. */
public final class Topics {

    public static final String SIGNUP_REQUESTED = "phonegate.signup.requested";
    public static final String SIGNUP_COMPLETED = "phonegate.signup.completed";
    public static final String OTP_REQUESTED = "phonegate.otp.requested";
    public static final String OTP_DELIVERY = "phonegate.otp.delivery";
    public static final String USER_REAPED = "phonegate.user.reaped";

    /** Where a consumer puts what it cannot process; {@link CloudEventHeaders#DLQ_REASON} says why. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    private Topics() {
    }
}
