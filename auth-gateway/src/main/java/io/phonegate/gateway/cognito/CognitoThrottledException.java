package io.phonegate.gateway.cognito;

/** Cognito answered {@code TooManyRequestsException} (or another quota error) even after retrying. */
public class CognitoThrottledException extends UserPoolException {

    public CognitoThrottledException(String message, Throwable cause) {
        super(message, cause);
    }
}
