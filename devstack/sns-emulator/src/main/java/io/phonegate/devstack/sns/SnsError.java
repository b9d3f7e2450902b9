package io.phonegate.devstack.sns;

/**
 * An error answer in SNS's own codes and status codes (see the shared AWS wire facts).
 *
 * @param senderFault {@code Sender} (the caller's fault) or else {@code Receiver}
 */
record SnsError(int status, String code, boolean senderFault, String message) {

    static SnsError invalidParameter(String message) {
        return new SnsError(400, "InvalidParameter", true, message);
    }

    /**
     * What SNS answers a throttled {@code Publish}: code {@code Throttling}, "Rate exceeded", HTTP 400 as AWS
     * Query answers it. {@code Publish} does not model SNS's {@code ThrottledException} ({@code Throttled},
     * 429), which only its SMS admin calls raise. The SDK's {@code isThrottlingException()} knows the code.
     */
    static SnsError throttling() {
        return new SnsError(400, "Throttling", true, "Rate exceeded");
    }

    /** SNS's {@code InvalidParameterValueException}: a parameter's value breaks its constraints. */
    static SnsError parameterValueInvalid(String message) {
        return new SnsError(400, "ParameterValueInvalid", true, message);
    }

    static SnsError internalError() {
        return new SnsError(500, "InternalError", false, "Request could not be processed (injected fault)");
    }

    static SnsError invalidAction(String action) {
        return new SnsError(400, "InvalidAction", true, "The action " + action + " is not valid for this web service.");
    }
}
