package io.phonegate.gateway.web;

import io.phonegate.gateway.support.GatewayHttp;
import io.phonegate.gateway.support.GatewayHttp.Answer;
import io.phonegate.gateway.support.GatewayIntegrationTest;
import io.phonegate.gateway.support.Phones;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a running gateway serves besides the flows, over real HTTP: the demo page and its headers,
 * health and metrics on the management port only, no API description unless switched on, and errors.
 */
class ServiceEndpointsTest extends GatewayIntegrationTest {

    @Test
    void theDemoPageIsServedAtTheRootWithAPolicyThatAllowsOnlyItsOwnFiles() {
        Answer page = http().get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).isEqualTo(SecurityHeadersFilter.PAGE_POLICY)
                .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(page.body()).as("no inline script or style, which the policy would block")
                .doesNotContain("<style").doesNotContainPattern("<script(?![^>]*\\ssrc=)");
        assertThat(http().get("/demo.js").status()).isEqualTo(200);
        assertThat(http().get("/demo.css").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/v1/auth/start", "/no/such/page"})
    void everyAnswerCarriesTheBrowserSecurityHeadersAndIsNeverCached(String path) {
        Answer answer = path.startsWith("/v1/")
                ? http().postJson(path, GatewayHttp.json(Map.of("phone", Phones.fresh())))
                : http().get(path);

        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        assertThat(answer.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
    }

    @Test
    void apiAnswersMayLoadNothing() {
        Answer refused = http().postJson("/v1/auth/refresh", "{\"refreshToken\":\"pg1.x.y\"}");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Content-Security-Policy")).isEqualTo(SecurityHeadersFilter.API_POLICY)
                .startsWith("default-src 'none'");
        assertThat(refused.header("Cache-Control")).isEqualTo("no-store");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/prometheus",
            "/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html"})
    void neitherActuatorNorApiDocsAnswerOnThePublicPort(String path) {
        Answer answer = http().get(path);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void livenessAndReadinessAreUpOnTheManagementPortWithTheBrokerReachable() {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(management().get("/actuator/health/liveness").status()).isEqualTo(200);
        Answer readiness = management().get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.text("status")).isEqualTo("UP");
    }

    @Test
    void prometheusShowsStartsAndVerifiesByOutcomeWithoutPhoneNumbers() {
        String phone = Phones.fresh();
        http().postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", phone)));
        http().postJson("/v1/auth/start", "{\"phone\":\"not a number\"}");
        http().postJson("/v1/auth/verify", "{}");

        String metrics = management().get("/actuator/prometheus").body();

        assertThat(metrics).contains("phonegate_auth_starts_total{application=\"auth-gateway\",outcome=\"challenged\"}")
                .contains("phonegate_auth_starts_total{application=\"auth-gateway\",outcome=\"invalid_input\"}")
                .contains("phonegate_auth_verifies_total{application=\"auth-gateway\",outcome=\"invalid_input\"}")
                .contains("phonegate_auth_start_seconds_bucket")
                .contains("phonegate_auth_signups_total{application=\"auth-gateway\",stage=\"requested\"}")
                .contains("phonegate_store_seconds_bucket{application=\"auth-gateway\",decision=\"admission\"")
                .contains("phonegate_store_failures_total{application=\"auth-gateway\",decision=\"admission\",policy=\"fail_closed\"} 0.0")
                .contains("phonegate_edge_rate_limited_total{application=\"auth-gateway\",limit=\"daily_budget\"}")
                .doesNotContain(phone.substring(1));
    }

    @Test
    void chunkedBodyOver4KiBIs413() {
        byte[] body = ("{\"phone\":\"" + "9".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8);
        Answer answer = http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/auth/start"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.text("type")).isEqualTo("https://phonegate.io/problems/payload-too-large");
    }

    @Test
    void unknownPathIs404ProblemNotAnHtmlPage() {
        Answer answer = http().get("/no/such/page");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.text("type")).isEqualTo("https://phonegate.io/problems/not-found");
    }

    @Test
    void wrongMethodIs405Problem() {
        Answer answer = http().get("/v1/auth/verify");

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.text("type")).isEqualTo("https://phonegate.io/problems/method-not-allowed");
    }
}
