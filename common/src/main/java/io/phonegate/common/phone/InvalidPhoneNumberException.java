package io.phonegate.common.phone;

/** A phone number that Phonegate will not send a code to, with the reason a person can act on. */
public class InvalidPhoneNumberException extends IllegalArgumentException {

    public enum Reason { EMPTY, TOO_LONG, NOT_A_NUMBER, INVALID, NOT_MOBILE, NOT_E164 }

    private final Reason reason;

    public InvalidPhoneNumberException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
