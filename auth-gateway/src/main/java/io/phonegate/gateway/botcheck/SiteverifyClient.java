package io.phonegate.gateway.botcheck;

import tools.jackson.core.JacksonException;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link BotVerifier} over a provider's {@code siteverify} API: one form-encoded POST ({@code secret},
 * {@code response}, and for hCaptcha {@code sitekey}) within the timeout, read as
 * {@code {"success": bool, "error-codes": [...]}}. Error codes that blame our own request rather than the
 * token (a wrong or missing secret, a malformed request, the provider's internal error) are no judgement
 * of the person: they count as unavailable, so the failure policy applies and the outage is seen.
 */
final class SiteverifyClient implements BotVerifier {

    /** Codes by which Turnstile, hCaptcha and reCAPTCHA blame the caller's configuration or themselves. */
    private static final Set<String> NOT_THE_TOKENS_FAULT = Set.of("missing-input-secret", "invalid-input-secret",
            "bad-request", "internal-error", "sitekey-secret-mismatch", "invalid-sitekey");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI endpoint;
    private final BotCheckProvider provider;
    private final String secret;
    private final String siteKey;
    private final Duration timeout;

    SiteverifyClient(BotCheckSettings settings) {
        this.endpoint = settings.effectiveVerifyUrl();
        this.provider = settings.provider();
        this.secret = settings.secret();
        this.siteKey = settings.siteKey();
        this.timeout = settings.timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Verdict verify(String token) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("secret", secret);
        form.put("response", token);
        if (provider.sendsSiteKey()) {
            form.put("sitekey", siteKey);
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Unavailable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unavailable("interrupted");
        }
        if (response.statusCode() != 200) {
            return new Unavailable("siteverify answered HTTP " + response.statusCode());
        }
        return read(response.body());
    }

    static Verdict read(String body) {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (JacksonException e) {
            return new Unavailable("siteverify's answer is not JSON");
        }
        JsonNode success = answer.get("success");
        if (success == null || !success.isBoolean()) {
            return new Unavailable("siteverify's answer has no 'success'");
        }
        List<String> codes = new ArrayList<>();
        JsonNode errors = answer.get("error-codes");
        if (errors != null && errors.isArray()) {
            errors.forEach(code -> codes.add(code.asString()));
        }
        if (success.booleanValue()) {
            return new Passed();
        }
        if (codes.stream().anyMatch(NOT_THE_TOKENS_FAULT::contains)) {
            return new Unavailable("siteverify refused the gateway's request: " + codes);
        }
        return new Failed(List.copyOf(codes));
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
