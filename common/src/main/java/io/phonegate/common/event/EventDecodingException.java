package io.phonegate.common.event;

/** A record that is not a valid Phonegate event; the message says what is wrong with it. */
public class EventDecodingException extends RuntimeException {

    public EventDecodingException(String message) {
        super(message);
    }
}
