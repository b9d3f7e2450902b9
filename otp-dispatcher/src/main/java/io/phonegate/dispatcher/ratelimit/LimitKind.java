package io.phonegate.dispatcher.ratelimit;

/** Which limit refused a code; {@link #tag()} is the {@code limit} label of {@code phonegate.otp.rate.limited}. */
public enum LimitKind {
    PHONE_BURST("phone_burst", "too many codes for this number in a short time"),
    PHONE_HOURLY("phone_hourly", "hourly limit for this number reached"),
    PHONE_DAILY("phone_daily", "daily limit for this number reached"),
    COUNTRY("country", "hourly limit for this number's country reached"),
    DAILY_BUDGET("daily_budget", "daily SMS budget spent");

    private final String tag;
    private final String reason;

    LimitKind(String tag, String reason) {
        this.tag = tag;
        this.reason = reason;
    }

    public String tag() {
        return tag;
    }

    /** Words for the report's {@code reason}. */
    public String reason() {
        return reason;
    }
}
