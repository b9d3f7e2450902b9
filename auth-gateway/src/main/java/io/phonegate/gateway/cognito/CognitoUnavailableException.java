package io.phonegate.gateway.cognito;

/** Cognito could not be reached, timed out, or failed in a way the caller cannot fix. */
public class CognitoUnavailableException extends UserPoolException {

    public CognitoUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
