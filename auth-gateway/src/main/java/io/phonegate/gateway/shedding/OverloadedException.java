package io.phonegate.gateway.shedding;

import java.time.Duration;

/** The gateway has as many requests in progress as it serves well: this one is turned away at once. */
public class OverloadedException extends RuntimeException {

    private final Duration retryAfter;

    public OverloadedException(String message, Duration retryAfter) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
