package io.phonegate.gateway.web;

import io.phonegate.gateway.support.GatewayHttp.Answer;
import io.phonegate.gateway.support.GatewayInstance;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.redis.RealRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The API description and Swagger UI, switched on as the local run does ({@code SPRINGDOC_API_DOCS_ENABLED=true}). */
@RealKafka
@RealRedis
class ApiDocsTest {

    private static GatewayInstance gateway;

    @BeforeAll
    static void startWithApiDocs() {
        gateway = GatewayInstance.start("springdoc.api-docs.enabled=true");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void openApiDocumentDescribesTheAuthEndpoints() {
        Answer docs = gateway.http().get("/v3/api-docs");

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
    void swaggerUiIsServedWithItsOwnPolicy() {
        Answer ui = gateway.http().get("/swagger-ui/index.html");

        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
        assertThat(ui.header("Content-Security-Policy")).isEqualTo(SecurityHeadersFilter.API_DOCS_POLICY);
    }
}
