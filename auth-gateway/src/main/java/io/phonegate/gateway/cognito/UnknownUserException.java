package io.phonegate.gateway.cognito;

/** Cognito says: no such user. */
public class UnknownUserException extends UserPoolException {

    public UnknownUserException() {
        super("no such user");
    }
}
