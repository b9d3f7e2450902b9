package io.phonegate.gateway.cognito;

/** Cognito says: the user is disabled. */
public class DisabledUserException extends UserPoolException {

    public DisabledUserException() {
        super("the user is disabled");
    }
}
