package io.phonegate.gateway.events;

import io.phonegate.gateway.config.GatewayProperties;
import io.phonegate.gateway.support.EmulatedCognito;
import io.phonegate.gateway.support.GatewayHttp;
import io.phonegate.gateway.support.GatewayHttp.Answer;
import io.phonegate.gateway.support.Phones;
import io.phonegate.testsupport.FreePorts;
import io.phonegate.testsupport.net.TcpOutageProxy;
import io.phonegate.testsupport.redis.RealRedis;
import org.apache.kafka.common.network.ListenerName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The gateway talks to its own broker only through a loopback proxy that the test takes down and
 * brings back: a start that cannot be queued is answered a fast {@code 503} (each request within the
 * publish timeout plus slack, measured per request), Cognito untouched for the new number it was for,
 * readiness follows the broker, and the gateway recovers without a restart. The broker advertises the proxy's
 * address, so every connection goes through it. What this proves: a broker unreachable at startup
 * and one lost while in use (connections reset, new ones refused), then reachable again. It does
 * not cover a broker that accepts connections but never answers.
 */
@RealRedis
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "phonegate.gateway.limits.resend-cooldown=0s",
        "phonegate.gateway.limits.phone-hourly-cap=1000000",
        "phonegate.gateway.limits.phone-daily-cap=1000000",
        "phonegate.gateway.limits.client-ip-requests-per-minute=1000000",
        "phonegate.gateway.kafka-health.cache-for=0s"})
@DirtiesContext
class BrokerOutageTest {

    /** Beyond the publish timeout: the one Cognito call that comes first, and a loaded machine. */
    private static final Duration SLACK = Duration.ofSeconds(2);
    private static final TcpOutageProxy PROXY = new TcpOutageProxy(FreePorts.next());
    private static final String[] BROKER_PROPERTIES = {"spring.cloud.stream.kafka.binder.brokers", "spring.kafka.bootstrap-servers"};
    private static final Map<String, String> SHARED_BROKER = new HashMap<>();
    private static EmbeddedKafkaKraftBroker broker;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    GatewayProperties properties;

    @BeforeAll
    static void startBrokerBehindTheProxy() {
        PROXY.up();
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                "advertised.listeners", "EXTERNAL://127.0.0.1:" + PROXY.port(),
                "auto.create.topics.enable", "true",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        PROXY.forwardTo(broker.getCluster().brokers().values().iterator().next()
                .boundPort(new ListenerName("EXTERNAL")));
        PROXY.down();
        pointBrokerPropertiesAtTheProxy();
    }

    /**
     * {@code @RealKafka} publishes the shared broker as JVM-wide system properties, and the binder's
     * own child context reads those before this context's properties: while this class runs they
     * name the proxy, afterwards the shared broker again.
     */
    private static void pointBrokerPropertiesAtTheProxy() {
        for (String property : BROKER_PROPERTIES) {
            SHARED_BROKER.put(property, System.getProperty(property));
            System.setProperty(property, "127.0.0.1:" + PROXY.port());
        }
    }

    @AfterAll
    static void stopBroker() {
        SHARED_BROKER.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, value);
            }
        });
        PROXY.close();
        broker.destroy();
    }

    @DynamicPropertySource
    static void edges(DynamicPropertyRegistry registry) {
        registry.add("phonegate.cognito.endpoint", () -> EmulatedCognito.emulator().endpoint().toString());
        registry.add("phonegate.cognito.client-secret", () -> EmulatedCognito.emulator().clientSecret());
        registry.add("phonegate.answer.keys", () -> EmulatedCognito.ANSWER_KEYS);
        for (String property : BROKER_PROPERTIES) {
            registry.add(property, () -> "127.0.0.1:" + PROXY.port());
        }
    }

    @Test
    void startsGetAFast503WithNoUserCreatedWhileTheBrokerIsUnreachableAndSucceedAgainWhenItIsBack() {
        GatewayHttp http = new GatewayHttp(port);
        GatewayHttp management = new GatewayHttp(managementPort);
        warmUp(http);

        assertStartUnavailableWithinLimit(http);
        assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(503);

        PROXY.up();
        await().atMost(Duration.ofSeconds(30)).until(() -> management.get("/actuator/health/readiness").status() == 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> start(http).status() == 202);

        PROXY.down();
        assertStartUnavailableWithinLimit(http);
        assertStartUnavailableWithinLimit(http);
        await().atMost(Duration.ofSeconds(10)).until(() -> management.get("/actuator/health/readiness").status() == 503);

        PROXY.up();
        await().atMost(Duration.ofSeconds(30)).until(() -> start(http).status() == 202);
        await().atMost(Duration.ofSeconds(10)).until(() -> management.get("/actuator/health/readiness").status() == 200);
    }

    /**
     * A start for a new number: its announcement cannot reach Kafka, so it fails before any Cognito
     * write, within the publish timeout (plus slack) of this one request.
     */
    private void assertStartUnavailableWithinLimit(GatewayHttp http) {
        String phone = Phones.fresh();
        long createsBefore = EmulatedCognito.emulator().callCount("AdminCreateUser");
        long started = System.nanoTime();
        Answer answer = start(http, phone);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.text("type")).isEqualTo("https://phonegate.io/problems/unavailable");
        assertThat(answer.retryAfter()).isNotNull();
        assertThat(took).as("this request's own time").isLessThanOrEqualTo(properties.publishTimeout().plus(SLACK));
        assertThat(EmulatedCognito.emulator().callCount("AdminCreateUser")).as("Cognito untouched").isEqualTo(createsBefore);
        assertThat(catchThrowableOfType(UserNotFoundException.class, () -> EmulatedCognito.user(phone)))
                .as("no user that no event announced").isNotNull();
    }

    /**
     * The bound is for a running service: a first call pays for loading the web stack and the SDK's
     * client (seconds on a busy machine), so a refresh goes through them first, Kafka untouched
     * (Cognito refuses the made-up token).
     */
    private static void warmUp(GatewayHttp http) {
        String username = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Phones.fresh().getBytes(StandardCharsets.US_ASCII));
        Answer answer = http.postJson("/v1/auth/refresh", GatewayHttp.json(Map.of("refreshToken",
                "pg1." + username + ".no-such-refresh-token-xxxxxxxxxxxx")));
        assertThat(answer.status()).isEqualTo(401);
    }

    private static Answer start(GatewayHttp http) {
        return start(http, Phones.fresh());
    }

    private static Answer start(GatewayHttp http, String phone) {
        return http.postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", phone)));
    }
}
