package io.phonegate.gateway.events;

import java.time.Duration;

/**
 * The request's deadline passed before its event was published: nothing was sent, since its client has
 * likely given up (or will be answered an error), and a code it never sees would be an SMS wasted.
 */
public class DeadlinePassedException extends EventsUnavailableException {

    private final Duration retryAfter;

    public DeadlinePassedException(String message, Duration retryAfter) {
        super(message, null);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
