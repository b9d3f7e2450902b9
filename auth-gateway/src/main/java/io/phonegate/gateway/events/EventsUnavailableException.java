package io.phonegate.gateway.events;

/** Kafka did not acknowledge an event in time: the request must not be answered as if it had. */
public class EventsUnavailableException extends RuntimeException {

    public EventsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
