package io.phonegate.gateway.web;

import io.phonegate.gateway.support.GatewayHttp;
import io.phonegate.gateway.support.GatewayHttp.Answer;
import io.phonegate.gateway.support.GatewayIntegrationTest;
import io.phonegate.gateway.support.Phones;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a running gateway serves besides the flows: API description, health, metrics, and errors over real HTTP. */
class ServiceEndpointsTest extends GatewayIntegrationTest {

    @Test
    void openApiDocumentDescribesTheAuthEndpoints() {
        Answer docs = http().get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("openapi").asString()).startsWith("3.");
        assertThat(docs.json().path("paths").propertyNames())
                .contains("/v1/auth/start", "/v1/auth/verify", "/v1/auth/refresh", "/v1/auth/logout");
        assertThat(docs.json().at("/paths/~1v1~1auth~1start/post/responses").propertyNames())
                .contains("202", "400", "413", "422", "429", "503").doesNotContain("200");
        assertThat(docs.json().at("/paths/~1v1~1auth~1start/post/responses/202/content").toString())
                .as("the paced answer is documented as what it completes with").contains("StartResponse");
        assertThat(docs.json().at("/paths/~1v1~1auth~1verify/post/responses/200/content").toString())
                .contains("TokenResponse");
    }

    @Test
    void theDemoPageIsServedAtTheRoot() {
        Answer page = http().get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
    }

    @Test
    void swaggerUiIsServed() {
        Answer ui = http().get("/swagger-ui/index.html");

        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
    }

    @Test
    void livenessAndReadinessAreUpWithTheBrokerReachable() {
        assertThat(http().get("/actuator/health/liveness").status()).isEqualTo(200);
        Answer readiness = http().get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.text("status")).isEqualTo("UP");
    }

    @Test
    void prometheusShowsStartsAndVerifiesByOutcomeWithoutPhoneNumbers() {
        String phone = Phones.fresh();
        http().postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", phone)));
        http().postJson("/v1/auth/start", "{\"phone\":\"not a number\"}");
        http().postJson("/v1/auth/verify", "{}");

        String metrics = http().get("/actuator/prometheus").body();

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
