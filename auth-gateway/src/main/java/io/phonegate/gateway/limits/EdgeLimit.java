package io.phonegate.gateway.limits;

/**
 * The limits the gateway enforces; {@link #tag()} is the {@code limit} label of the metric and the
 * {@code limit} field of the {@code 429} problem. Descriptions are the same for known and unknown
 * numbers: an answer never tells whether a number has an account.
 */
public enum EdgeLimit {
    PHONE_COOLDOWN("phone_cooldown", "a code was sent to this number moments ago; wait before asking again"),
    PHONE_HOURLY("phone_hourly", "too many codes were asked for this number in the last hour"),
    PHONE_DAILY("phone_daily", "too many codes were asked for this number in the last 24 hours"),
    CLIENT_IP("client_ip", "too many requests from this address"),
    COUNTRY_HOURLY("country_hourly", "too many codes were sent to numbers of this country in the last hour"),
    DAILY_BUDGET("daily_budget", "the service has sent as many codes today as it may; try again tomorrow"),
    WRONG_ANSWERS("wrong_answers", "too many wrong codes were entered for this number in the last 24 hours");

    private final String tag;
    private final String description;

    EdgeLimit(String tag, String description) {
        this.tag = tag;
        this.description = description;
    }

    public String tag() {
        return tag;
    }

    public String description() {
        return description;
    }

    /** The limit a store script names by its tag. */
    static EdgeLimit ofTag(String tag) {
        for (EdgeLimit limit : values()) {
            if (limit.tag.equals(tag)) {
                return limit;
            }
        }
        throw new IllegalArgumentException("no limit is tagged " + tag);
    }
}
