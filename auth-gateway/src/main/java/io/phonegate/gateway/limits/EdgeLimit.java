package io.phonegate.gateway.limits;

/** The limits the gateway enforces itself; {@link #tag()} is the {@code limit} label of the metric. */
public enum EdgeLimit {
    PHONE_COOLDOWN("phone_cooldown", "a code was sent to this number moments ago; wait before asking again"),
    PHONE_HOURLY("phone_hourly", "too many codes were asked for this number in the last hour"),
    CLIENT_IP("client_ip", "too many requests from this address");

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
}
