package io.phonegate.reaper.cognito;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.phonegate.reaper.ReaperMetrics;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InternalErrorException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CognitoCallsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CognitoCalls calls = new CognitoCalls(new CallRateLimiter(1_000),
            new CognitoCalls.BackOff(Duration.ofMillis(1), Duration.ofMillis(4), 4), new ReaperMetrics(registry));
    private final AtomicInteger made = new AtomicInteger();

    @Test
    void throttledCallIsRetriedAfterBackOffUntilItSucceeds() {
        String answer = calls.call("AdminGetUser", () -> {
            if (made.incrementAndGet() <= 2) {
                throw error(TooManyRequestsException.builder(), 400, "TooManyRequestsException");
            }
            return "user";
        });

        assertThat(answer).isEqualTo("user");
        assertThat(made.get()).isEqualTo(3);
        assertThat(errors("AdminGetUser", "TooManyRequestsException")).isEqualTo(2);
    }

    @Test
    void serverErrorsAndConnectionFailuresAreRetriedToo() {
        String answer = calls.call("AdminDeleteUser", () -> {
            int call = made.incrementAndGet();
            if (call == 1) {
                throw error(InternalErrorException.builder(), 500, "InternalErrorException");
            }
            if (call == 2) {
                throw SdkClientException.create("connection refused");
            }
            return "deleted";
        });

        assertThat(answer).isEqualTo("deleted");
        assertThat(errors("AdminDeleteUser", "InternalErrorException")).isEqualTo(1);
        assertThat(errors("AdminDeleteUser", "SdkClientException")).isEqualTo(1);
    }

    @Test
    void callStillThrottledAfterEveryAttemptFailsAsUnavailable() {
        assertThatThrownBy(() -> calls.call("ListUsers", () -> {
            made.incrementAndGet();
            throw error(TooManyRequestsException.builder(), 400, "TooManyRequestsException");
        })).isInstanceOf(CognitoUnavailableException.class);

        assertThat(made.get()).isEqualTo(4);
    }

    @Test
    void errorThatRetryingCannotFixIsNotRetried() {
        assertThatThrownBy(() -> calls.call("AdminGetUser", () -> {
            made.incrementAndGet();
            throw error(InvalidParameterException.builder(), 400, "InvalidParameterException");
        })).isInstanceOf(InvalidParameterException.class);

        assertThat(made.get()).isEqualTo(1);
        assertThat(errors("AdminGetUser", "InvalidParameterException")).isEqualTo(1);
    }

    @Test
    void userNotFoundIsAnAnswerPassedOnUncounted() {
        assertThatThrownBy(() -> calls.call("AdminGetUser", () -> {
            made.incrementAndGet();
            throw error(UserNotFoundException.builder(), 404, "UserNotFoundException");
        })).isInstanceOf(UserNotFoundException.class);

        assertThat(made.get()).isEqualTo(1);
        assertThat(registry.find("phonegate.cognito.errors").counters())
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
    }

    private double errors(String operation, String error) {
        return registry.get("phonegate.cognito.errors").tag("operation", operation).tag("error", error).counter().count();
    }

    private static AwsServiceException error(AwsServiceException.Builder builder, int status, String code) {
        return builder.statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("test").build())
                .build();
    }
}
