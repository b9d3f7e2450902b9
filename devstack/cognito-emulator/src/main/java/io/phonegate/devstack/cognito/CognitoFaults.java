package io.phonegate.devstack.cognito;

import java.util.Set;

/**
 * What the emulator does wrong on purpose, per API call (the control paths {@code /_faults} and
 * {@code /_quotas} always answer). One random draw per call decides throttling or an internal
 * error, so {@code throttleRate + errorRate} is at most 1.
 *
 * @param throttleRate share of calls answered {@code TooManyRequestsException} (HTTP 429), before the
 *                     call does anything, as Cognito's front door throttles
 * @param errorRate    share answered {@code InternalErrorException} (HTTP 500), before the call does anything
 * @param latencyMs    delay before every answer, after the call did its work: a client that gives up
 *                     early still finds the work done, as with a slow Cognito
 * @param down         every call's connection is closed without an answer, as from a dead endpoint
 *                     (the SDK sees an I/O error: connection reset or end of stream); nothing is done
 * @param operations   the operations these faults apply to (e.g. {@code SignUp}); empty means every one
 */
public record CognitoFaults(double throttleRate, double errorRate, long latencyMs, boolean down, Set<String> operations) {

    public static final CognitoFaults NONE = new CognitoFaults(0, 0, 0, false, Set.of());

    public CognitoFaults {
        requireRate(throttleRate, "throttleRate");
        requireRate(errorRate, "errorRate");
        if (throttleRate + errorRate > 1.0) {
            throw new IllegalArgumentException("throttleRate + errorRate must not exceed 1");
        }
        if (latencyMs < 0 || latencyMs > 60_000) {
            throw new IllegalArgumentException("latencyMs must be 0-60000, was " + latencyMs);
        }
        operations = operations == null ? Set.of() : Set.copyOf(operations);
    }

    /** Every call refused ({@code down}), as from an endpoint that is not there. */
    public static CognitoFaults outage() {
        return NONE.withDown(true);
    }

    public static CognitoFaults throttling(double rate) {
        return NONE.withThrottleRate(rate);
    }

    public static CognitoFaults errors(double rate) {
        return NONE.withErrorRate(rate);
    }

    public static CognitoFaults latency(long millis) {
        return NONE.withLatencyMs(millis);
    }

    public CognitoFaults withThrottleRate(double rate) {
        return new CognitoFaults(rate, errorRate, latencyMs, down, operations);
    }

    public CognitoFaults withErrorRate(double rate) {
        return new CognitoFaults(throttleRate, rate, latencyMs, down, operations);
    }

    public CognitoFaults withLatencyMs(long millis) {
        return new CognitoFaults(throttleRate, errorRate, millis, down, operations);
    }

    public CognitoFaults withDown(boolean refused) {
        return new CognitoFaults(throttleRate, errorRate, latencyMs, refused, operations);
    }

    /** The same faults, for these operations only. */
    public CognitoFaults onlyFor(String... operationNames) {
        return new CognitoFaults(throttleRate, errorRate, latencyMs, down, Set.of(operationNames));
    }

    public boolean appliesTo(String operation) {
        return operations.isEmpty() || operations.contains(operation);
    }

    private static void requireRate(double rate, String name) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + rate);
        }
    }
}
