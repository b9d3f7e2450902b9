package io.phonegate.reaper.cognito;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.devstack.cognito.CognitoEmulator;
import io.phonegate.devstack.cognito.CognitoFaults;
import io.phonegate.reaper.CognitoPool;
import io.phonegate.reaper.ReaperMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static io.phonegate.reaper.Signups.newPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The back-off against Cognito's real answers: the emulator's fault switches answer throttling,
 * internal errors and dead connections on the wire, read by the reaper's own SDK client (no SDK retries).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CognitoCallsTest {

    private CognitoPool pool;
    private CognitoEmulator emulator;
    private CognitoIdentityProviderClient client;
    private String username;
    private SimpleMeterRegistry registry;
    private CognitoCalls calls;
    private AtomicInteger made;

    @BeforeAll
    void start() {
        pool = CognitoPool.start();
        emulator = pool.emulator();
        client = new CognitoConfiguration().cognitoIdentityProviderClient(
                new CognitoProperties(emulator.endpoint().toString(), emulator.userPoolId()),
                new AwsProperties(emulator.region()));
        username = newPhone().e164();
        pool.createPending(PhoneNumber.ofE164(username));
    }

    @BeforeEach
    void freshCounts() {
        registry = new SimpleMeterRegistry();
        calls = new CognitoCalls(new CallRateLimiter(1_000),
                new CognitoCalls.BackOff(Duration.ofMillis(1), Duration.ofMillis(4), 4), new ReaperMetrics(registry));
        made = new AtomicInteger();
    }

    @AfterEach
    void noFaults() {
        emulator.setFaults(CognitoFaults.NONE);
    }

    @AfterAll
    void stop() {
        client.close();
        pool.close();
    }

    @Test
    void throttledCallIsRetriedAfterBackOffUntilItSucceeds() {
        emulator.setFaults(CognitoFaults.throttling(1.0));

        AdminGetUserResponse user = calls.call("AdminGetUser", () -> {
            if (made.incrementAndGet() == 3) {
                emulator.setFaults(CognitoFaults.NONE);
            }
            return getUser(username);
        });

        assertThat(user.username()).isEqualTo(username);
        assertThat(made.get()).isEqualTo(3);
        assertThat(errors("AdminGetUser", "TooManyRequestsException")).isEqualTo(2);
    }

    @Test
    void serverErrorsAndConnectionFailuresAreRetriedToo() {
        emulator.setFaults(CognitoFaults.errors(1.0));

        AdminGetUserResponse user = calls.call("AdminGetUser", () -> {
            int call = made.incrementAndGet();
            if (call == 2) {
                emulator.setFaults(CognitoFaults.outage());
            } else if (call == 3) {
                emulator.setFaults(CognitoFaults.NONE);
            }
            return getUser(username);
        });

        assertThat(user.username()).isEqualTo(username);
        assertThat(errors("AdminGetUser", "InternalErrorException")).isEqualTo(1);
        assertThat(errors("AdminGetUser", "SdkClientException")).isEqualTo(1);
        assertThat(emulator.refusedCount()).isPositive();
    }

    @Test
    void callStillThrottledAfterEveryAttemptFailsAsUnavailable() {
        emulator.setFaults(CognitoFaults.throttling(1.0));
        long injectedBefore = emulator.faultCount();

        assertThatThrownBy(() -> calls.call("AdminGetUser", () -> {
            made.incrementAndGet();
            return getUser(username);
        })).isInstanceOf(CognitoUnavailableException.class);

        assertThat(made.get()).isEqualTo(4);
        assertThat(emulator.faultCount() - injectedBefore).as("every attempt reached Cognito").isEqualTo(4);
    }

    @Test
    void errorThatRetryingCannotFixIsNotRetried() {
        assertThatThrownBy(() -> calls.call("ListUsers", () -> {
            made.incrementAndGet();
            return client.listUsers(r -> r.userPoolId(emulator.userPoolId()).filter("not a filter"));
        })).isInstanceOf(InvalidParameterException.class);

        assertThat(made.get()).isEqualTo(1);
        assertThat(errors("ListUsers", "InvalidParameterException")).isEqualTo(1);
    }

    @Test
    void userNotFoundIsAnAnswerPassedOnUncounted() {
        assertThatThrownBy(() -> calls.call("AdminGetUser", () -> {
            made.incrementAndGet();
            return getUser(newPhone().e164());
        })).isInstanceOf(UserNotFoundException.class);

        assertThat(made.get()).isEqualTo(1);
        assertThat(registry.find("phonegate.cognito.errors").counters())
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
    }

    private AdminGetUserResponse getUser(String name) {
        return client.adminGetUser(r -> r.userPoolId(emulator.userPoolId()).username(name));
    }

    private double errors(String operation, String error) {
        return registry.get("phonegate.cognito.errors").tag("operation", operation).tag("error", error).counter().count();
    }
}
