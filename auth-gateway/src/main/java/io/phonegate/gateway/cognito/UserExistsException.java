package io.phonegate.gateway.cognito;

/** Cognito says: the user exists already. */
public class UserExistsException extends UserPoolException {

    public UserExistsException() {
        super("the user exists already");
    }
}
