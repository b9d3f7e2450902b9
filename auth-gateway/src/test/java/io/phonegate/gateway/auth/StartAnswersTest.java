package io.phonegate.gateway.auth;

import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.Topics;
import io.phonegate.common.store.AdmissionTicket;
import io.phonegate.gateway.pacing.Pacer;
import io.phonegate.gateway.support.GatewayHttp;
import io.phonegate.gateway.support.GatewayInstance;
import io.phonegate.gateway.support.GatewayIntegrationTest;
import io.phonegate.gateway.support.Phones;
import io.phonegate.gateway.support.TestRedis;
import io.phonegate.testsupport.kafka.TopicReader;
import io.phonegate.testsupport.redis.RealRedisExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start's paced {@code 202} is written by {@link StartAnswers}, not by Spring MVC: the same answer as MVC wrote
 * (status, type, length, body, the security headers), timed and counted once complete, and marked answered once it
 * has left; a gateway that stops while a start waits for its floor answers {@code 503} and gives the admission back.
 */
class StartAnswersTest extends GatewayIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void theFloorsAnswerIsTheOneMvcWroteAndIsCountedWhenComplete() {
        String phone = Phones.fresh();
        double startsBefore = counter(management(), "phonegate_auth_start_seconds_count", "outcome=\"challenged\"");
        double requestsBefore = counter(management(), "http_server_requests_seconds_count",
                "status=\"202\"", "uri=\"/v1/auth/start\"");
        try (TopicReader otps = TopicReader.open(bootstrapServers(), Topics.OTP_REQUESTED);
             TestRedis redis = TestRedis.on(RealRedisExtension.server())) {
            long sent = System.nanoTime();

            GatewayHttp.Answer answer = http().postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", phone)));

            assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("no sooner than the start floor")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(250));
            assertThat(answer.status()).isEqualTo(202);
            assertThat(answer.contentType()).isEqualTo("application/json");
            assertThat(answer.header("Content-Length"))
                    .isEqualTo(String.valueOf(answer.body().getBytes(StandardCharsets.UTF_8).length));
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
            assertThat(answer.json().propertyNames()).containsExactly("challenge", "expiresAt", "resendAfter", "codeLength");
            assertThat(answer.text("expiresAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

            OtpRequested otp = otps.awaitEvent(OtpRequested.class, e -> e.phone().e164().equals(phone), WAIT);
            AdmissionTicket ticket = AdmissionTicket.parse(otp.admission()).orElseThrow();
            Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(redis.template().hasKey(ticket.answeredKey()))
                    .as("marked answered once the 202 left").isTrue());
        }
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            assertThat(counter(management(), "phonegate_auth_start_seconds_count", "outcome=\"challenged\""))
                    .isEqualTo(startsBefore + 1);
            assertThat(counter(management(), "http_server_requests_seconds_count", "status=\"202\"",
                    "uri=\"/v1/auth/start\"")).isEqualTo(requestsBefore + 1);
        });
    }

    @Test
    void aStartWaitingForItsFloorWhenTheGatewayStopsGets503AndItsAdmissionBack() {
        String phone = Phones.fresh();
        try (GatewayInstance gateway = GatewayInstance.start();
             TopicReader otps = TopicReader.open(bootstrapServers(), Topics.OTP_REQUESTED);
             TestRedis redis = TestRedis.on(RealRedisExtension.server())) {
            gateway.bean(Pacer.class).close();

            GatewayHttp.Answer answer = gateway.http().postJson("/v1/auth/start",
                    GatewayHttp.json(Map.of("phone", phone)));

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.text("type")).endsWith("/unavailable");
            assertThat(answer.retryAfter()).isEqualTo("1");
            OtpRequested otp = otps.awaitEvent(OtpRequested.class, e -> e.phone().e164().equals(phone), WAIT);
            AdmissionTicket ticket = AdmissionTicket.parse(otp.admission()).orElseThrow();
            Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(
                    redis.template().opsForZSet().score(ticket.startsKey(), ticket.slotId()))
                    .as("the admission is given back, so the dispatcher withdraws the code").isNull());
            assertThat(redis.template().hasKey(ticket.answeredKey())).as("never marked answered").isFalse();
            assertThat(counter(gateway.management(), "phonegate_auth_start_seconds_count", "outcome=\"unavailable\""))
                    .isEqualTo(1);
        }
    }

    /** The value of the first series of {@code name} whose labels hold every one of {@code labels}; 0 when none. */
    private static double counter(GatewayHttp management, String name, String... labels) {
        Matcher series = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} ([0-9.E]+)$")
                .matcher(management.get("/actuator/prometheus").body());
        while (series.find()) {
            String found = series.group(1);
            if (Arrays.stream(labels).allMatch(found::contains)) {
                return Double.parseDouble(series.group(2));
            }
        }
        return 0;
    }
}
