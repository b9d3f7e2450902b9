package io.phonegate.gateway.cognito;

/** Cognito refused the authentication step ({@code NotAuthorizedException} and kin): start again. */
public class AuthRejectedException extends UserPoolException {

    public AuthRejectedException(String message) {
        super(message);
    }
}
