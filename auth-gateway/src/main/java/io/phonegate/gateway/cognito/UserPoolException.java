package io.phonegate.gateway.cognito;

/** A Cognito call did not give what was asked; the subclass says why. */
public abstract class UserPoolException extends RuntimeException {

    protected UserPoolException(String message) {
        super(message);
    }

    protected UserPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
