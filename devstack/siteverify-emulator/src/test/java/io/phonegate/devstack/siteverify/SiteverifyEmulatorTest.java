package io.phonegate.devstack.siteverify;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The stand-in over HTTP, as the gateway and a browser call it. */
class SiteverifyEmulatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SiteverifyEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = SiteverifyEmulator.start(0);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void clearFaults() {
        emulator.setFaults(SiteverifyFaults.NONE);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aTokenPassesOnceWithTheTestSecretAndIsSpentAfterwards(Provider provider) throws Exception {
        String token = "pass." + UUID.randomUUID();
        long before = emulator.calls(provider);

        JsonNode first = verify(provider, provider.testSecret(), token);
        JsonNode again = verify(provider, provider.testSecret(), token);

        assertThat(first.get("success").booleanValue()).isTrue();
        assertThat(first.get("hostname").asString()).isEqualTo("localhost");
        assertThat(first.get("challenge_ts").asString()).isNotBlank();
        assertThat(again.get("success").booleanValue()).isFalse();
        assertThat(codes(again)).isEqualTo("[\"timeout-or-duplicate\"]");
        assertThat(emulator.calls(provider)).isEqualTo(before + 2);
        assertThat(emulator.lastRequest()).containsEntry("response", token);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void failingMissingAndForeignInputsAreRefusedWithTheProvidersCodes(Provider provider) throws Exception {
        assertThat(codes(verify(provider, provider.testSecret(), "fail." + UUID.randomUUID())))
                .isEqualTo("[\"invalid-input-response\"]");
        assertThat(codes(verify(provider, provider.testSecret(), ""))).isEqualTo("[\"missing-input-response\"]");
        assertThat(codes(verify(provider, "not-a-test-secret", "pass.x"))).isEqualTo("[\"invalid-input-secret\"]");
        assertThat(codes(verify(provider, "", "pass.y"))).isEqualTo("[\"missing-input-secret\"]");
    }

    @Test
    void turnstilesTestSecretsFailOrSpendEveryTokenAndItTakesJsonToo() throws Exception {
        assertThat(codes(verify(Provider.TURNSTILE, "2x0000000000000000000000000000000AA", "pass." + UUID.randomUUID())))
                .isEqualTo("[\"invalid-input-response\"]");
        assertThat(codes(verify(Provider.TURNSTILE, "3x0000000000000000000000000000000AA", "pass." + UUID.randomUUID())))
                .isEqualTo("[\"timeout-or-duplicate\"]");

        HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(emulator.verifyUrl(Provider.TURNSTILE))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"secret\":\"" + Provider.TURNSTILE.testSecret()
                        + "\",\"response\":\"XXXX.DUMMY.TOKEN.XXXX\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(json.body()).get("success").booleanValue()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void theStandInWidgetDefinesTheProvidersGlobal(Provider provider) throws Exception {
        HttpResponse<String> script = HTTP.send(HttpRequest.newBuilder(emulator.scriptUrl(provider)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(script.body()).contains("window." + provider.widgetGlobal() + " = {", "render(", "reset(", "\"pass.\"");
    }

    @Test
    void faultsMakeTheProviderDownOrSlowAndAreCleared() throws Exception {
        post(emulator.endpoint().resolve("/_faults"), "{\"down\":true}", "application/json");
        assertThat(post(emulator.verifyUrl(Provider.HCAPTCHA), form(Provider.HCAPTCHA.testSecret(), "pass.z"),
                "application/x-www-form-urlencoded").statusCode()).isEqualTo(503);

        emulator.setFaults(new SiteverifyFaults(false, 300));
        long started = System.nanoTime();
        assertThat(verify(Provider.RECAPTCHA, Provider.RECAPTCHA.testSecret(), "pass." + UUID.randomUUID())
                .get("success").booleanValue()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        HttpResponse<String> cleared = HTTP.send(HttpRequest.newBuilder(emulator.endpoint().resolve("/_faults")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cleared.statusCode()).isEqualTo(204);
        assertThat(post(emulator.endpoint().resolve("/_faults"), "{}", "application/json").body())
                .contains("\"down\":false");
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        assertThat(HTTP.send(HttpRequest.newBuilder(emulator.endpoint().resolve("/elsewhere")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(HTTP.send(HttpRequest.newBuilder(emulator.verifyUrl(Provider.TURNSTILE)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }

    private static JsonNode verify(Provider provider, String secret, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = post(emulator.verifyUrl(provider), form(secret, token),
                "application/x-www-form-urlencoded");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> post(URI uri, String body, String type) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String secret, String token) {
        return "secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8) + "&response="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private static String codes(JsonNode answer) {
        return answer.get("error-codes").toString();
    }
}
