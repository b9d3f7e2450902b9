package io.phonegate.devstack.local;

import io.phonegate.devstack.sns.SmsMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;

/** Drives the running stack as a client app would: HTTP to the gateway, codes from the SMS inbox. */
final class Phonegate {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Phonegate(LocalStack stack) {
        this.stack = stack;
    }

    /** A fresh, valid Indian mobile number, so tests never meet each other's users or limits. */
    static String newPhoneNumber() {
        return "+919" + (100_000_000L + ThreadLocalRandom.current().nextLong(899_999_999L));
    }

    Response post(String path, String json) {
        return send(postRequest(stack.gatewayUri(), path, json).build());
    }

    /**
     * A start sent to one gateway of several, as from {@code clientAddress}: the test stack trusts
     * loopback as its proxy, so the gateway counts the request under the forwarded address.
     */
    Response startAt(URI gateway, String phone, String clientAddress) {
        return send(postRequest(gateway, "/v1/auth/start", "{\"phone\":\"" + phone + "\"}")
                .header("X-Forwarded-For", clientAddress).build());
    }

    Response verifyAt(URI gateway, String phone, String challenge, String code, String clientAddress) {
        return send(postRequest(gateway, "/v1/auth/verify", "{\"phone\":\"" + phone + "\",\"challenge\":\""
                + challenge + "\",\"code\":\"" + code + "\"}").header("X-Forwarded-For", clientAddress).build());
    }

    private static HttpRequest.Builder postRequest(URI gateway, String path, String json) {
        return HttpRequest.newBuilder(gateway.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    Response get(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build());
    }

    Response start(String phone) {
        return start(phone, "en");
    }

    Response start(String phone, String locale) {
        return post("/v1/auth/start", "{\"phone\":\"" + phone + "\",\"locale\":\"" + locale + "\"}");
    }

    Response verify(String phone, String challenge, String code) {
        return post("/v1/auth/verify", "{\"phone\":\"" + phone + "\",\"challenge\":\"" + challenge
                + "\",\"code\":\"" + code + "\"}");
    }

    /** Waits for the {@code nth} SMS (1-based) to {@code phone} and returns it. */
    SmsMessage awaitSms(String phone, int nth) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> stack.sns().inbox(phone), messages -> messages.size() >= nth).get(nth - 1);
    }

    /** The code on the message's origin-bound last line ({@code @host #123456}). */
    static String codeIn(SmsMessage sms) {
        return sms.originBoundCode().orElseThrow(() -> new AssertionError(
                "no origin-bound code line in the SMS: " + sms.message().replaceAll("[0-9]", "#")));
    }

    /** Signs a new number up end to end and returns the token answer. */
    JsonNode signUp(String phone) {
        int smsBefore = stack.sns().inbox(phone).size();
        Response started = start(phone);
        if (started.status() != 202) {
            throw new AssertionError("start answered " + started.status() + ": " + started.body());
        }
        String code = codeIn(awaitSms(phone, smsBefore + 1));
        Response verified = verify(phone, started.json().get("challenge").asString(), code);
        if (verified.status() != 200) {
            throw new AssertionError("verify answered " + verified.status() + ": " + verified.body());
        }
        return verified.json();
    }

    static JsonNode claims(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    /** A raw AWS JSON 1.1 call to the Cognito emulator (it accepts unsigned requests). */
    Response cognito(String operation, String json) {
        HttpRequest request = HttpRequest.newBuilder(stack.cognito().endpoint())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return send(request);
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().allValues("Retry-After"));
        } catch (IOException e) {
            throw new AssertionError("request to " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    record Response(int status, String body, String contentType, List<String> retryAfter) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
