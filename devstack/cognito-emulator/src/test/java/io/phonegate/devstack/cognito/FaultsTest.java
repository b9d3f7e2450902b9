package io.phonegate.devstack.cognito;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InternalErrorException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The fault switches, read back through the real SDK client as a service would meet them: Cognito's
 * throttling and internal-error answers, slow answers, and an endpoint that is not there.
 */
class FaultsTest {

    private static final String PHONE = "+14155550177";
    private final RunningEmulator cognito = new RunningEmulator(RunningEmulator::withSelfSignUp);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        cognito.close();
    }

    @Test
    void throttlingAnswersCognitosTooManyRequestsAndDoesNothing() {
        cognito.emulator.setFaults(CognitoFaults.throttling(1.0));

        TooManyRequestsException e = catchThrowableOfType(TooManyRequestsException.class, () -> cognito.signUp(PHONE));

        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.isThrottlingException()).as("the SDK retries it as throttling").isTrue();
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TooManyRequestsException");
        cognito.emulator.setFaults(CognitoFaults.NONE);
        assertThat(userExists()).as("a throttled SignUp creates nobody").isFalse();
        assertThat(cognito.emulator.faultCount()).isEqualTo(1);
    }

    @Test
    void internalErrorAnswersCognitos500AndDoesNothing() {
        cognito.emulator.setFaults(CognitoFaults.errors(1.0));

        InternalErrorException e = catchThrowableOfType(InternalErrorException.class, () -> cognito.signUp(PHONE));

        assertThat(e.statusCode()).isEqualTo(500);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalErrorException");
        cognito.emulator.setFaults(CognitoFaults.NONE);
        assertThat(userExists()).isFalse();
    }

    @Test
    void ratesAreSharesOfTheCalls() {
        cognito.emulator.setFaults(CognitoFaults.throttling(0.5));
        int throttled = 0;
        for (int i = 0; i < 200; i++) {
            try {
                cognito.cognito.adminGetUser(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE));
            } catch (TooManyRequestsException e) {
                throttled++;
            } catch (UserNotFoundException e) {
                // got through
            }
        }

        assertThat(throttled).as("about half of 200").isBetween(60, 140);
    }

    @Test
    void slowAnswerComesAfterTheWorkIsDoneSoAClientThatGaveUpStillFindsItDone() {
        cognito.emulator.setFaults(CognitoFaults.latency(1_500));
        try (CognitoIdentityProviderClient impatient = client(Duration.ofMillis(300))) {
            long started = System.nanoTime();

            catchThrowableOfType(ApiCallTimeoutException.class, () -> impatient.signUp(r -> r
                    .clientId(cognito.emulator.clientId()).username(PHONE).password(RunningEmulator.PASSWORD)
                    .secretHash(cognito.secretHash(PHONE))));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_500));
        }
        long answered = System.nanoTime();
        cognito.cognito.adminGetUser(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE));
        assertThat(Duration.ofNanos(System.nanoTime() - answered)).as("every answer waits")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
    }

    @Test
    void downRefusesEveryCallWithAnIoErrorUntilTheFaultsAreCleared() throws Exception {
        post("/_faults", "{\"down\":true}");

        SdkClientException e = catchThrowableOfType(SdkClientException.class, () -> cognito.signUp(PHONE));

        assertThat(e).hasRootCauseInstanceOf(IOException.class);
        assertThat(cognito.emulator.refusedCount()).isPositive();
        assertThat(cognito.emulator.callCount("SignUp")).as("nothing reached the pool").isZero();
        assertThat(get("/_faults").body()).contains("\"down\":true");

        assertThat(http.send(HttpRequest.newBuilder(cognito.emulator.endpoint().resolve("/_faults")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(userExists()).as("the refused SignUp created nobody").isFalse();
        cognito.signUp(PHONE);
        assertThat(userExists()).as("back without a restart").isTrue();
    }

    @Test
    void faultsCanBeLimitedToSomeOperations() {
        cognito.emulator.setFaults(CognitoFaults.errors(1.0).onlyFor("AdminConfirmSignUp"));

        cognito.signUp(PHONE);
        catchThrowableOfType(InternalErrorException.class, () -> cognito.cognito.adminConfirmSignUp(r -> r
                .userPoolId(cognito.emulator.userPoolId()).username(PHONE)));

        assertThat(userExists()).isTrue();
    }

    @Test
    void faultsAreSetShownAndClearedOverHttpAsTheSnsEmulatorsAre() throws Exception {
        HttpResponse<String> set = post("/_faults",
                "{\"throttleRate\":0.3,\"errorRate\":0.1,\"latencyMs\":100,\"operations\":[\"SignUp\"]}");

        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(cognito.emulator.faults()).isEqualTo(new CognitoFaults(0.3, 0.1, 100, false, Set.of("SignUp")));
        assertThat(get("/_faults").body()).contains("\"throttleRate\":0.3", "\"errorRate\":0.1", "\"latencyMs\":100",
                "\"down\":false", "\"operations\":[\"SignUp\"]");
    }

    @Test
    void badFaultsAreRefusedAndChangeNothing() throws Exception {
        for (String body : new String[]{"{\"throttleRate\":0.8,\"errorRate\":0.8}", "{\"latencyMs\":\"slow\"}",
                "{\"down\":\"yes\"}", "{\"outage\":true}", "{\"operations\":[\"SignUpp\"]}", "[]"}) {
            HttpResponse<String> answer = post("/_faults", body);

            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(answer.body()).as(body).contains("__type");
        }
        assertThat(cognito.emulator.faults()).isEqualTo(CognitoFaults.NONE);
    }

    private boolean userExists() {
        try {
            cognito.cognito.adminGetUser(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE));
            return true;
        } catch (UserNotFoundException e) {
            return false;
        }
    }

    private CognitoIdentityProviderClient client(Duration apiCallTimeout) {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(cognito.emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.apiCallTimeout(apiCallTimeout))
                .build();
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(cognito.emulator.endpoint().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(cognito.emulator.endpoint().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
