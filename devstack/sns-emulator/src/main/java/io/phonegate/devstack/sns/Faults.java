package io.phonegate.devstack.sns;

import java.util.Set;

/**
 * What the emulator does wrong on purpose.
 *
 * @param throttleRate  share of {@code Publish} calls answered with SNS's throttling error ({@code Throttling}, 400)
 * @param errorRate     share answered with SNS's internal error ({@code InternalError}, 500)
 * @param latencyMs     delay before every {@code Publish} answer
 * @param rejectNumbers   E.164 numbers SNS refuses for good: {@code InvalidParameter} (400), as it does for a number
 *                        it cannot deliver to; a permanent error that a client must not retry
 * @param throttleNumbers E.164 numbers whose every call is throttled ({@code Throttling}, 400): one number that
 *                        keeps failing transiently while others go through
 */
public record Faults(double throttleRate, double errorRate, long latencyMs, Set<String> rejectNumbers,
                     Set<String> throttleNumbers) {

    public static final Faults NONE = new Faults(0, 0, 0, Set.of(), Set.of());

    public Faults {
        requireRate(throttleRate, "throttleRate");
        requireRate(errorRate, "errorRate");
        if (throttleRate + errorRate > 1.0) {
            throw new IllegalArgumentException("throttleRate + errorRate must not exceed 1");
        }
        if (latencyMs < 0 || latencyMs > 60_000) {
            throw new IllegalArgumentException("latencyMs must be 0-60000, was " + latencyMs);
        }
        rejectNumbers = rejectNumbers == null ? Set.of() : Set.copyOf(rejectNumbers);
        throttleNumbers = throttleNumbers == null ? Set.of() : Set.copyOf(throttleNumbers);
    }

    public static Faults latency(long latencyMs) {
        return NONE.withLatencyMs(latencyMs);
    }

    public static Faults rejecting(String... e164Numbers) {
        return new Faults(0, 0, 0, Set.of(e164Numbers), Set.of());
    }

    public static Faults throttling(String... e164Numbers) {
        return new Faults(0, 0, 0, Set.of(), Set.of(e164Numbers));
    }

    public Faults withThrottleRate(double rate) {
        return new Faults(rate, errorRate, latencyMs, rejectNumbers, throttleNumbers);
    }

    public Faults withErrorRate(double rate) {
        return new Faults(throttleRate, rate, latencyMs, rejectNumbers, throttleNumbers);
    }

    public Faults withLatencyMs(long delay) {
        return new Faults(throttleRate, errorRate, delay, rejectNumbers, throttleNumbers);
    }

    private static void requireRate(double rate, String name) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + rate);
        }
    }
}
