package io.phonegate.reaper.cognito;

/** Cognito could not be asked now (still throttled or failing after back-off, or interrupted); try later. */
public class CognitoUnavailableException extends RuntimeException {

    public CognitoUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
