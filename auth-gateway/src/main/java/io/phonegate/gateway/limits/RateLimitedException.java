package io.phonegate.gateway.limits;

import java.time.Duration;

/** A limit at the edge refused the request; the client may try again after {@link #retryAfter()}. */
public class RateLimitedException extends RuntimeException {

    private final EdgeLimit limit;
    private final Duration retryAfter;

    RateLimitedException(EdgeLimit limit, Duration retryAfter) {
        super(limit.description());
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    public EdgeLimit limit() {
        return limit;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
