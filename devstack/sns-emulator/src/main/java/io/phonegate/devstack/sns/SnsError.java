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

    /** SNS's modelled {@code ThrottledException}: code {@code Throttled}, 429, which SDKs treat as throttling. */
    static SnsError throttled() {
        return new SnsError(429, "Throttled", true, "Rate exceeded");
    }

    static SnsError internalError() {
        return new SnsError(500, "InternalError", false, "Request could not be processed (injected fault)");
    }

    static SnsError invalidAction(String action) {
        return new SnsError(400, "InvalidAction", true, "The action " + action + " is not valid for this web service.");
    }
}
