package io.phonegate.gateway.limits;

import java.time.Duration;

/**
 * The shared store could not decide (down, slow, or refusing commands), and the decision fails
 * closed: the client is told to come back after {@link #retryAfter()}.
 */
public class StoreUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    StoreUnavailableException(String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
