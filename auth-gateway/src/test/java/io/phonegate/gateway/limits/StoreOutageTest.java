package io.phonegate.gateway.limits;

import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.Topics;
import io.phonegate.gateway.support.EmulatedCognito;
import io.phonegate.gateway.support.GatewayHttp;
import io.phonegate.gateway.support.GatewayHttp.Answer;
import io.phonegate.gateway.support.Phones;
import io.phonegate.gateway.support.TestRedis;
import io.phonegate.testsupport.FreePorts;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.kafka.RealKafkaExtension;
import io.phonegate.testsupport.kafka.TopicReader;
import io.phonegate.testsupport.net.TcpOutageProxy;
import io.phonegate.testsupport.redis.RealRedis;
import io.phonegate.testsupport.redis.RealRedisExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway reaches its redis-server only through a loopback proxy the test takes down and
 * brings back (connections reset, new ones refused), and the server is also paused outright (it
 * accepts commands and answers none). Either way starts and verifies get {@code 503} with
 * {@code Retry-After} within 1 s, readiness goes down, no code is sent without an admission, and
 * everything recovers without a restart when the store answers again.
 */
@RealKafka
@RealRedis
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "phonegate.gateway.limits.resend-cooldown=0s",
        "phonegate.gateway.limits.phone-hourly-cap=1000",
        "phonegate.gateway.limits.phone-daily-cap=1000",
        "phonegate.gateway.limits.client-ip-requests-per-minute=1000000",
        "phonegate.gateway.limits.store.health-cache-for=0s"})
@DirtiesContext
class StoreOutageTest {

    private static final Duration LIMIT = Duration.ofSeconds(1);
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    private static final TcpOutageProxy PROXY = new TcpOutageProxy(FreePorts.next());

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @BeforeAll
    static void proxyTheStore() {
        PROXY.forwardTo(RealRedisExtension.server().port());
        PROXY.up();
    }

    @AfterAll
    static void closeProxy() {
        PROXY.close();
    }

    @DynamicPropertySource
    static void edges(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + PROXY.port());
        registry.add("phonegate.cognito.endpoint", () -> EmulatedCognito.emulator().endpoint().toString());
        registry.add("phonegate.cognito.user-pool-id", () -> EmulatedCognito.emulator().userPoolId());
        registry.add("phonegate.cognito.client-id", () -> EmulatedCognito.emulator().clientId());
        registry.add("phonegate.cognito.client-secret", () -> EmulatedCognito.emulator().clientSecret());
        registry.add("phonegate.answer.keys", () -> EmulatedCognito.ANSWER_KEYS);
    }

    @Test
    void aStoreThatIsGoneOrSilentGets503WithinASecondAndNoCodeIsSentUntilItIsBack() {
        GatewayHttp http = new GatewayHttp(port);
        GatewayHttp management = new GatewayHttp(managementPort);
        List<String> refusedPhones = new ArrayList<>();
        try (TopicReader otps = TopicReader.open(RealKafkaExtension.bootstrapServers(), Topics.OTP_REQUESTED)) {
            String answering = Phones.fresh();
            Answer started = start(http, answering);
            assertThat(started.status()).isEqualTo(202);
            Challenge challenge = new Challenge(answering, started.text("challenge"));

            PROXY.down();
            assertUnavailableWithinLimit(http, refusedPhones, challenge);
            await().atMost(RECOVERY).until(() -> management.get("/actuator/health/readiness").status() == 503);
            assertThat(http.postJson("/v1/auth/refresh", "{\"refreshToken\":\"pg1.x.y\"}").status())
                    .as("refresh needs no store: the address limit fails open").isEqualTo(401);

            PROXY.up();
            await().atMost(RECOVERY).until(() -> start(http, Phones.fresh()).status() == 202);
            await().atMost(RECOVERY).until(() -> management.get("/actuator/health/readiness").status() == 200);

            try (TestRedis redis = TestRedis.on(RealRedisExtension.server())) {
                redis.template().execute((RedisCallback<Object>) connection ->
                        connection.execute("CLIENT", bytes("PAUSE"), bytes("5000"), bytes("ALL")));
                assertUnavailableWithinLimit(http, refusedPhones, challenge);
                await().atMost(RECOVERY).until(() -> start(http, Phones.fresh()).status() == 202);
            }

            Set<String> sent = otps.recordsAfter(Duration.ofMillis(500)).stream().map(TopicReader::decode)
                    .filter(OtpRequested.class::isInstance).map(event -> ((OtpRequested) event).phone().e164())
                    .collect(Collectors.toSet());
            assertThat(sent).as("codes for refused starts").doesNotContainAnyElementsOf(refusedPhones);
        }
        String metrics = management.get("/actuator/prometheus").body();
        assertThat(counter(metrics, "admission", "fail_closed")).isPositive();
        assertThat(counter(metrics, "client_ip", "fail_open")).isPositive();
    }

    /** A challenge the gateway gave out before the outage: a verify gets as far as the store only with a real one. */
    private record Challenge(String phone, String handle) {
    }

    /** A start and a verify, each answered 503 with Retry-After within the limit. */
    private static void assertUnavailableWithinLimit(GatewayHttp http, List<String> refusedPhones, Challenge challenge) {
        String phone = Phones.fresh();
        refusedPhones.add(phone);
        for (String[] request : new String[][] {
                {"/v1/auth/start", GatewayHttp.json(Map.of("phone", phone))},
                {"/v1/auth/verify", GatewayHttp.json(Map.of("phone", challenge.phone(), "challenge", challenge.handle(),
                        "code", "123456"))}}) {
            long started = System.nanoTime();
            Answer answer = http.postJson(request[0], request[1]);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(answer.status()).as(request[0]).isEqualTo(503);
            assertThat(answer.text("type")).isEqualTo("https://phonegate.io/problems/unavailable");
            assertThat(answer.retryAfter()).isEqualTo("1");
            assertThat(took).as(request[0] + " answered in").isLessThanOrEqualTo(LIMIT);
        }
    }

    private static Answer start(GatewayHttp http, String phone) {
        return http.postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", phone)));
    }

    private static double counter(String metrics, String decision, String policy) {
        Matcher line = Pattern.compile("phonegate_store_failures_total\\{[^}]*decision=\"" + decision
                + "\",policy=\"" + policy + "\"} (\\S+)").matcher(metrics);
        assertThat(line.find()).as("series for " + decision).isTrue();
        return Double.parseDouble(line.group(1));
    }

    private static byte[] bytes(String word) {
        return word.getBytes(StandardCharsets.US_ASCII);
    }
}
