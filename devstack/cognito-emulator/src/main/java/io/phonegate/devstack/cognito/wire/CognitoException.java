package io.phonegate.devstack.cognito.wire;

/** An error Cognito answers with: its {@code __type}, HTTP status and message. */
public final class CognitoException extends RuntimeException {

    private final String type;
    private final int status;

    public CognitoException(String type, int status, String message) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    public static CognitoException invalidParameter(String message) {
        return new CognitoException("InvalidParameterException", 400, message);
    }

    public static CognitoException notAuthorized(String message) {
        return new CognitoException("NotAuthorizedException", 403, message);
    }

    public static CognitoException userNotFound() {
        return new CognitoException("UserNotFoundException", 404, "User does not exist.");
    }

    public static CognitoException resourceNotFound(String message) {
        return new CognitoException("ResourceNotFoundException", 404, message);
    }

    public static CognitoException userNotConfirmed() {
        return new CognitoException("UserNotConfirmedException", 400, "User is not confirmed.");
    }

    public static CognitoException usernameExists(String message) {
        return new CognitoException("UsernameExistsException", 400, message);
    }

    public static CognitoException invalidPassword(String message) {
        return new CognitoException("InvalidPasswordException", 400, message);
    }

    public static CognitoException tooManyRequests() {
        return new CognitoException("TooManyRequestsException", 429, "Rate exceeded");
    }

    public static CognitoException internalError(String message) {
        return new CognitoException("InternalErrorException", 500, message);
    }

    public static CognitoException lambdaValidation(String trigger, String message) {
        return new CognitoException("UserLambdaValidationException", 400, trigger + " failed with error " + message + ".");
    }

    public static CognitoException invalidLambdaResponse(String message) {
        return new CognitoException("InvalidLambdaResponseException", 400, message);
    }

    public static CognitoException unsupportedTokenType(String message) {
        return new CognitoException("UnsupportedTokenTypeException", 400, message);
    }
}
