package io.phonegate.dispatcher.delivery;

import io.phonegate.dispatcher.DispatcherProperties;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off with "equal jitter": half the step is fixed, half random, so numbers
 * that failed together do not retry together, and no retry comes almost at once.
 */
final class Backoff {

    private final DispatcherProperties.Retry retry;
    private final DoubleSupplier random;

    Backoff(DispatcherProperties.Retry retry, DoubleSupplier random) {
        this.retry = retry;
        this.random = random;
    }

    static Backoff jittered(DispatcherProperties.Retry retry) {
        return new Backoff(retry, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The pause after the {@code failedAttempts}-th failed attempt (1 for the first). */
    Duration after(int failedAttempts) {
        double step = retry.initialBackoff().toNanos() * Math.pow(retry.multiplier(), Math.max(0, failedAttempts - 1));
        double capped = Math.min(step, retry.maxBackoff().toNanos());
        return Duration.ofNanos((long) (capped / 2 + random.getAsDouble() * capped / 2));
    }
}
