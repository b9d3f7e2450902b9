package io.phonegate.gateway.cognito;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;

import java.util.Set;

/** Turns Cognito's error codes into the gateway's exceptions, counting each as {@code phonegate.cognito.errors}. */
final class CognitoErrors {

    private static final Set<String> THROTTLING = Set.of("TooManyRequestsException", "LimitExceededException",
            "TooManyFailedAttemptsException");
    private static final Set<String> REJECTED = Set.of("NotAuthorizedException", "ExpiredCodeException",
            "CodeMismatchException", "InvalidParameterException", "UnsupportedTokenTypeException");

    private final MeterRegistry meters;

    /** Every operation the gateway calls, so the throttling series exist before the first throttle. */
    private static final Set<String> OPERATIONS = Set.of("AdminInitiateAuth", "AdminRespondToAuthChallenge",
            "AdminCreateUser", "AdminSetUserPassword", "AdminGetUser", "AdminDeleteUser", "AdminUpdateUserAttributes",
            "RevokeToken");

    CognitoErrors(MeterRegistry meters) {
        this.meters = meters;
        OPERATIONS.forEach(operation -> counter(operation, "TooManyRequestsException"));
    }

    UserPoolException translate(String operation, CognitoIdentityProviderException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        code = code == null || code.isBlank() ? "Unknown" : code;
        count(operation, code);
        String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        if ("NotAuthorizedException".equals(code) && message != null && message.contains("disabled")) {
            return new DisabledUserException();
        }
        if (THROTTLING.contains(code)) {
            return new CognitoThrottledException(operation + " was throttled: " + code, e);
        }
        if (REJECTED.contains(code)) {
            return new AuthRejectedException(operation + ": " + code);
        }
        return switch (code) {
            case "UserNotFoundException" -> new UnknownUserException();
            case "UserNotConfirmedException" -> new UnconfirmedUserException();
            case "UsernameExistsException" -> new UserExistsException();
            default -> new CognitoUnavailableException(operation + " failed: " + code, e);
        };
    }

    UserPoolException unreachable(String operation, SdkException e) {
        count(operation, e.getClass().getSimpleName());
        return new CognitoUnavailableException(operation + " could not reach Cognito: " + e.getClass().getSimpleName(), e);
    }

    private void count(String operation, String error) {
        counter(operation, error).increment();
    }

    private Counter counter(String operation, String error) {
        return Counter.builder("phonegate.cognito.errors")
                .description("Failed Cognito calls")
                .tag("operation", operation)
                .tag("error", error)
                .register(meters);
    }
}
