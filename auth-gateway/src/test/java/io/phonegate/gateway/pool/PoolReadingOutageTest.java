package io.phonegate.gateway.pool;

import io.phonegate.devstack.cognito.CognitoFaults;
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

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness follows what was read, not whether the last reading worked: a gateway that could never read
 * the pool's settings is not ready; one that read suitable settings stays ready through a Cognito outage.
 */
@RealKafka
@RealRedis
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "phonegate.gateway.pool-check.interval=200ms",
        "phonegate.gateway.pool-check.retry-interval=200ms",
        "management.endpoint.health.group.readiness.show-details=always"})
class PoolReadingOutageTest {

    static final EmulatedPool POOL = EmulatedPool.start(UnaryOperator.identity());
    private static final Pattern FAILURES = Pattern.compile(
            "phonegate_cognito_pool_check_failures_total\\{application=\"auth-gateway\",error=\"CognitoUnavailableException\"} ([0-9.]+)");

    @DynamicPropertySource
    static void cognito(DynamicPropertyRegistry registry) {
        // Down before the gateway starts: its start-up reading fails.
        POOL.emulator().setFaults(CognitoFaults.outage());
        POOL.register(registry);
    }

    @LocalManagementPort
    int managementPort;

    @Test
    void notReadyUntilTheSettingsCanBeReadThenReadyThroughAnOutage() {
        GatewayHttp http = new GatewayHttp(managementPort);
        Answer unread = http.get("/actuator/health/readiness");
        assertThat(unread.status()).isEqualTo(503);
        assertThat(unread.json().path("components").path("cognitoPool").path("details").path("error").asString())
                .startsWith("DescribeUserPool could not reach Cognito");

        POOL.emulator().setFaults(CognitoFaults.NONE);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/health/readiness").status() == 200);

        double failuresBefore = failures(http);
        POOL.emulator().setFaults(CognitoFaults.outage());
        await().atMost(Duration.ofSeconds(30)).until(() -> failures(http) >= failuresBefore + 2);
        assertThat(http.get("/actuator/health/readiness").status()).as("the last verdict stands").isEqualTo(200);
        POOL.emulator().setFaults(CognitoFaults.NONE);
    }

    private static double failures(GatewayHttp http) {
        Matcher matcher = FAILURES.matcher(http.get("/actuator/prometheus").body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
