package io.phonegate.gateway.cognito;

/** Cognito says: the user is UNCONFIRMED. */
public class UnconfirmedUserException extends UserPoolException {

    public UnconfirmedUserException() {
        super("the user is UNCONFIRMED");
    }
}
