package io.phonegate.devstack.cognito;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The raw AWS JSON 1.1 surface, as the AWS CLI or any other SDK meets it. */
class WireProtocolTest {

    private final RunningEmulator cognito = new RunningEmulator();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        cognito.close();
    }

    @Test
    void errorCarriesTypeInBodyAndHeader() throws Exception {
        HttpResponse<String> response = call("AdminGetUser", "{\"UserPoolId\":\"us-east-1_phonegate\",\"Username\":\"+10000000000\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("UserNotFoundException");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.1");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.body()).isEqualTo("{\"__type\":\"UserNotFoundException\",\"message\":\"User does not exist.\"}");
    }

    @Test
    void unknownOperationIsRejected() throws Exception {
        HttpResponse<String> response = call("CreateUserPool", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"UnknownOperationException\"");
    }

    @Test
    void malformedBodyIsASerializationError() throws Exception {
        HttpResponse<String> response = call("AdminGetUser", "{not json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"SerializationException\"");
    }

    @Test
    void missingMemberIsAValidationError() throws Exception {
        HttpResponse<String> response = call("AdminGetUser", "{\"UserPoolId\":\"us-east-1_phonegate\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("InvalidParameterException").contains("Value null at 'username'");
    }

    @Test
    void openIdConfigurationPointsAtTheJwks() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                cognito.emulator.endpoint().resolve("/us-east-1_phonegate/.well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"issuer\":\"" + cognito.emulator.issuer() + "\"")
                .contains("\"jwks_uri\":\"" + cognito.emulator.jwksUri() + "\"");
    }

    @Test
    void quotasCanBeSetOverHttp() throws Exception {
        HttpResponse<String> set = http.send(HttpRequest.newBuilder(cognito.emulator.endpoint().resolve("/_quotas"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"UserRead\":1}")).build(), HttpResponse.BodyHandlers.ofString());
        String body = "{\"UserPoolId\":\"us-east-1_phonegate\",\"Username\":\"+10000000000\"}";
        call("AdminGetUser", body);

        HttpResponse<String> throttled = call("AdminGetUser", body);

        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.body()).contains("TooManyRequestsException");
    }

    @Test
    void unknownQuotaCategoryIsRejected() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(cognito.emulator.endpoint().resolve("/_quotas"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"UserSomething\":1}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("UserSomething");
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(cognito.emulator.endpoint().resolve("/nope")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> call(String operation, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(cognito.emulator.endpoint())
                .POST(HttpRequest.BodyPublishers.ofString(body));
        Map.of("Content-Type", "application/x-amz-json-1.1",
                "X-Amz-Target", "AWSCognitoIdentityProviderService." + operation).forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
