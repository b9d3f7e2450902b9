package io.phonegate.gateway.cognito;

import io.phonegate.devstack.cognito.QuotaCategory;
import io.phonegate.gateway.support.EmulatedCognito;
import io.phonegate.gateway.support.GatewayHttp;
import io.phonegate.gateway.support.GatewayHttp.Answer;
import io.phonegate.gateway.support.GatewayIntegrationTest;
import io.phonegate.gateway.support.Phones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Cognito over its request quota answers {@code TooManyRequestsException}; clients get {@code 503} and {@code Retry-After}. */
class CognitoThrottlingTest extends GatewayIntegrationTest {

    @AfterEach
    void liftQuotas() {
        EmulatedCognito.emulator().setQuotas(Map.of());
    }

    @Test
    void startsOverCognitosQuotaGet503WithRetryAfterNot500() {
        EmulatedCognito.emulator().setQuotas(Map.of(QuotaCategory.USER_AUTHENTICATION, 1));
        GatewayHttp http = http();
        long throttledBefore = EmulatedCognito.emulator().throttledCount();

        List<Answer> answers = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> http.postJson("/v1/auth/start",
                        GatewayHttp.json(Map.of("phone", Phones.fresh())))))
                .toList().stream().map(CompletableFuture::join).toList();

        assertThat(EmulatedCognito.emulator().throttledCount()).isGreaterThan(throttledBefore);
        assertThat(answers).extracting(Answer::status).allMatch(status -> status == 202 || status == 503);
        assertThat(answers).filteredOn(answer -> answer.status() == 503).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.text("type")).isEqualTo("https://phonegate.io/problems/busy");
            assertThat(answer.retryAfter()).isNotNull();
        });
        assertThat(management().get("/actuator/prometheus").body()).contains(
                "phonegate_cognito_errors_total{application=\"auth-gateway\",error=\"TooManyRequestsException\",operation=\"AdminInitiateAuth\"}");
    }
}
