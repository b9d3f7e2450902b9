package io.phonegate.gateway.pool;

import io.phonegate.devstack.cognito.AppClientConfig;
import io.phonegate.devstack.cognito.UserPoolConfig;
import io.phonegate.gateway.support.EmulatedPool;
import io.phonegate.gateway.support.GatewayHttp;
import io.phonegate.gateway.support.GatewayHttp.Answer;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.redis.RealRedis;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway pointed at a pool and client set up wrong in every way that can be fixed while they
 * exist: it starts, is not ready, names every wrong setting, and comes into service once an admin
 * fixes them, without a restart.
 */
@RealKafka
@RealRedis
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "phonegate.gateway.code-ttl=5m",
        "phonegate.gateway.pool-check.retry-interval=200ms",
        "management.endpoint.health.group.readiness.show-details=always"})
class PoolSelfCheckTest {

    static final EmulatedPool POOL = EmulatedPool.start(s -> s
            .withUserPool(UserPoolConfig.phonegate().withTriggers("CreateAuthChallenge").withCustomAttributes()
                    .withRequiredAttributes("email").withMfaConfiguration("ON").withSelfSignUp(true))
            .withAppClient(AppClientConfig.phonegate().withSecret(null).withExplicitAuthFlows("ALLOW_USER_SRP_AUTH")
                    .withAuthSessionValidity(Duration.ofMinutes(3)).withReadAttributes("phone_number")
                    .withWriteAttributes().withTokenRevocation(false)));

    @DynamicPropertySource
    static void cognito(DynamicPropertyRegistry registry) {
        POOL.register(registry);
    }

    @LocalManagementPort
    int managementPort;

    @Test
    void everyWrongSettingIsNamedAndFixingThemBringsTheGatewayIntoServiceWithoutARestart() {
        GatewayHttp http = new GatewayHttp(managementPort);

        Answer readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(503);
        JsonNode details = readiness.json().path("components").path("cognitoPool").path("details");
        assertThat(texts(details.path("mismatches"))).hasSize(10).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).startsWith("LambdaConfig has no DefineAuthChallenge, VerifyAuthChallengeResponse trigger"),
                m -> assertThat(m).startsWith("SchemaAttributes has no custom:pg_completed"),
                m -> assertThat(m).startsWith("SchemaAttributes requires email"),
                m -> assertThat(m).startsWith("MfaConfiguration is ON"),
                m -> assertThat(m).startsWith("the app client has no ClientSecret"),
                m -> assertThat(m).startsWith("ExplicitAuthFlows [ALLOW_USER_SRP_AUTH] lacks ALLOW_CUSTOM_AUTH, ALLOW_REFRESH_TOKEN_AUTH"),
                m -> assertThat(m).startsWith("AuthSessionValidity is 3 min, shorter than a code's lifetime (5 min"),
                m -> assertThat(m).startsWith("WriteAttributes is not set"),
                m -> assertThat(m).startsWith("ReadAttributes lacks custom:pg_completed, phone_number_verified"),
                m -> assertThat(m).startsWith("EnableTokenRevocation is false"));
        assertThat(texts(details.path("warnings"))).anySatisfy(w -> assertThat(w).startsWith(
                "AdminCreateUserConfig.AllowAdminCreateUserOnly is false"));
        assertThat(metrics(http)).contains("phonegate_cognito_pool_suitable{application=\"auth-gateway\"} 0.0",
                "phonegate_cognito_pool_mismatches{application=\"auth-gateway\"} 10.0");

        POOL.emulator().updateUserPool(pool -> UserPoolConfig.phonegate());
        POOL.emulator().updateAppClient(client -> AppClientConfig.phonegate());

        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/health/readiness").status() == 200);
        assertThat(metrics(http)).contains("phonegate_cognito_pool_suitable{application=\"auth-gateway\"} 1.0",
                "phonegate_cognito_pool_mismatches{application=\"auth-gateway\"} 0.0");
    }

    private static String metrics(GatewayHttp http) {
        return http.get("/actuator/prometheus").body();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.values().forEach(node -> texts.add(node.asString()));
        return texts;
    }
}
