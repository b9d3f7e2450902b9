package io.phonegate.reaper.cognito;

import io.phonegate.reaper.ReaperMetrics;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The one way the reaper calls Cognito: every call waits for the rate limiter, failures are
 * counted by operation and error code, and throttling, 5xx answers and connection failures are
 * retried with exponential back-off and jitter. The SDK itself does not retry, so this back-off
 * is the only one in charge. {@code UserNotFoundException} is an answer, not a failure: it is
 * passed on uncounted.
 */
final class CognitoCalls {

    /** @param attempts calls made at most for one request, the first included */
    record BackOff(Duration initial, Duration max, int attempts) {

        static final BackOff DEFAULT = new BackOff(Duration.ofMillis(200), Duration.ofSeconds(10), 8);

        /** Half the exponential delay fixed, half random, so throttled callers do not return in step. */
        Duration before(int retry) {
            long exponential = Math.min(max.toMillis(), initial.toMillis() << Math.min(retry - 1, 30));
            long half = exponential / 2;
            return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
        }
    }

    private final CallRateLimiter limiter;
    private final BackOff backOff;
    private final ReaperMetrics metrics;

    CognitoCalls(CallRateLimiter limiter, BackOff backOff, ReaperMetrics metrics) {
        this.limiter = limiter;
        this.backOff = backOff;
        this.metrics = metrics;
    }

    /**
     * @throws UserNotFoundException      passed on as Cognito's answer
     * @throws CognitoUnavailableException when retries ran out or the thread was interrupted
     * @throws AwsServiceException        for errors that retrying cannot fix (bad request, access denied)
     */
    <T> T call(String operation, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                limiter.acquire();
                return call.get();
            } catch (UserNotFoundException e) {
                throw e;
            } catch (AwsServiceException e) {
                metrics.cognitoError(operation, errorCode(e));
                if (!isTransient(e)) {
                    throw e;
                }
                pause(operation, attempt, e);
            } catch (SdkClientException e) {
                metrics.cognitoError(operation, e.getClass().getSimpleName());
                pause(operation, attempt, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CognitoUnavailableException(operation + " interrupted", e);
            }
        }
    }

    private void pause(String operation, int attempt, RuntimeException cause) {
        if (attempt >= backOff.attempts()) {
            throw new CognitoUnavailableException(operation + " still failing after " + attempt + " attempts", cause);
        }
        try {
            Thread.sleep(backOff.before(attempt).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CognitoUnavailableException(operation + " interrupted", e);
        }
    }

    private static boolean isTransient(AwsServiceException e) {
        return e.isThrottlingException() || e.statusCode() >= 500;
    }

    private static String errorCode(AwsServiceException e) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null) {
            return e.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }
}
