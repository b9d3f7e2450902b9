package io.phonegate.gateway.delivery;

import io.phonegate.common.event.CloudEventHeaders;
import io.phonegate.common.event.DeliveryOutcome;
import io.phonegate.common.event.EventType;
import io.phonegate.common.event.OtpDeliveryReported;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.Topics;
import io.phonegate.gateway.support.EmulatedCognito;
import io.phonegate.gateway.support.GatewayHttp;
import io.phonegate.gateway.support.GatewayHttp.Answer;
import io.phonegate.gateway.support.GatewayInstance;
import io.phonegate.gateway.support.Phones;
import io.phonegate.testsupport.FreePorts;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.kafka.RealKafkaExtension;
import io.phonegate.testsupport.kafka.TopicReader;
import io.phonegate.testsupport.kafka.TopicWriter;
import io.phonegate.testsupport.net.TcpOutageProxy;
import io.phonegate.testsupport.redis.RealRedis;
import io.phonegate.testsupport.redis.RealRedisExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two whole gateways, as two replicas, sharing Kafka and Redis (both through a loopback proxy the test can
 * take down): a challenge started on one has its delivery status answered by the other, from the
 * dispatcher's report whichever of the two read it (one consumer group). Reports are published here as the
 * dispatcher publishes them; the local run's end-to-end test has the real dispatcher and SNS emulator.
 */
@RealKafka
@RealRedis
class DeliveryStatusTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TcpOutageProxy STORE = new TcpOutageProxy(FreePorts.next());
    private static final String[] SETTINGS = {
            "phonegate.gateway.limits.resend-cooldown=0s",
            "phonegate.gateway.limits.phone-hourly-cap=1000",
            "phonegate.gateway.limits.phone-daily-cap=1000",
            "phonegate.gateway.limits.client-ip-requests-per-minute=1000000",
            "phonegate.gateway.limits.store.open-for=0s",
            "phonegate.gateway.delivery-status.store-retry=200ms"};

    private static GatewayInstance first;
    private static GatewayInstance second;
    private TopicReader otps;
    private TopicWriter reports;

    @BeforeAll
    static void startTwoGateways() {
        STORE.forwardTo(RealRedisExtension.server().port());
        STORE.up();
        List<String> settings = new ArrayList<>(List.of(SETTINGS));
        settings.add("spring.data.redis.url=redis://127.0.0.1:" + STORE.port());
        // A group of their own: the gateways other test classes leave running (Spring's context cache) share the
        // topic, and a report one of them took would be written past the proxy, never to these two.
        settings.add("spring.cloud.stream.bindings.deliveryReports-in-0.group=delivery-status-test-" + UUID.randomUUID());
        first = GatewayInstance.start(settings.toArray(String[]::new));
        second = GatewayInstance.start(settings.toArray(String[]::new));
    }

    @AfterAll
    static void stopThem() {
        first.close();
        second.close();
        STORE.close();
    }

    @BeforeEach
    void openTopics() {
        otps = TopicReader.open(RealKafkaExtension.bootstrapServers(), Topics.OTP_REQUESTED);
        reports = TopicWriter.open(RealKafkaExtension.bootstrapServers());
    }

    @AfterEach
    void closeTopics() {
        otps.close();
        reports.close();
    }

    @Test
    void aChallengeStartedOnOneGatewayIsQueuedThenSentOnTheOther() {
        String phone = Phones.fresh();
        Answer started = start(first.http(), phone);
        OtpRequested otp = otps.awaitEvent(OtpRequested.class, e -> e.phone().e164().equals(phone), WAIT);

        Answer queued = status(second.http(), started.text("challenge"));
        assertThat(queued.status()).isEqualTo(200);
        assertThat(queued.contentType()).startsWith("application/json");
        assertThat(queued.text("status")).isEqualTo("queued");
        assertThat(queued.text("expiresAt")).isEqualTo(started.text("expiresAt"));
        assertThat(queued.text("resendAfter")).isEqualTo(started.text("resendAfter"));
        assertThat(queued.json().has("reason")).isFalse();

        reports.publish(report(otp, DeliveryOutcome.SENT, null), "/phonegate/otp-dispatcher");

        await().atMost(WAIT).until(() -> status(second.http(), started.text("challenge")).text("status").equals("sent"));
        assertThat(status(first.http(), started.text("challenge")).text("status")).isEqualTo("sent");
    }

    @Test
    void aNumberTheProviderRefusesFailsWithAReasonAPersonCanActOn() {
        String phone = Phones.fresh();
        Answer started = start(first.http(), phone);
        OtpRequested otp = otps.awaitEvent(OtpRequested.class, e -> e.phone().e164().equals(phone), WAIT);

        reports.publish(report(otp, DeliveryOutcome.FAILED, "SNS refused the SMS: InvalidParameter"), "/phonegate/otp-dispatcher");

        await().atMost(WAIT).until(() -> status(second.http(), started.text("challenge")).text("status").equals("failed"));
        JsonNode failed = status(second.http(), started.text("challenge")).json();
        assertThat(failed.path("reason").asString()).isEqualTo("cannot_receive_sms");
        assertThat(failed.path("detail").asString()).contains("cannot receive text messages");
    }

    @Test
    void aDisabledUsersLookAlikeTurnsSentAndAnswersInTheSameShape() {
        String real = Phones.fresh();
        Answer realStart = start(first.http(), real);
        reports.publish(report(otps.awaitEvent(OtpRequested.class, e -> e.phone().e164().equals(real), WAIT),
                DeliveryOutcome.SENT, null), "/phonegate/otp-dispatcher");
        await().atMost(WAIT).until(() -> status(second.http(), realStart.text("challenge")).text("status").equals("sent"));
        String disabled = Phones.fresh();
        assertThat(start(first.http(), disabled).status()).isEqualTo(202);
        EmulatedCognito.disable(disabled);

        Answer lookAlike = start(first.http(), disabled);
        assertThat(lookAlike.status()).isEqualTo(202);

        List<String> seen = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            Answer answer = status(second.http(), lookAlike.text("challenge"));
            seen.add(answer.text("status"));
            return answer.text("status").equals("sent");
        });
        assertThat(seen).allMatch(s -> s.equals("queued") || s.equals("sent"));
        Answer fake = status(first.http(), lookAlike.text("challenge"));
        Answer genuine = status(first.http(), realStart.text("challenge"));
        assertThat(fake.status()).isEqualTo(genuine.status());
        assertThat(fake.contentType()).isEqualTo(genuine.contentType());
        assertThat(fake.json().propertyNames()).isEqualTo(genuine.json().propertyNames());
        assertThat(fake.body()).hasSameSizeAs(genuine.body());
    }

    @Test
    void aHandleThisServiceDidNotGiveOutIsRefused() {
        for (String made : List.of("A".repeat(400), "not-a-handle", "x".repeat(5000))) {
            Answer answer = status(second.http(), made);

            assertThat(answer.status()).as(made).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.text("type")).isEqualTo("https://phonegate.io/problems/invalid-challenge");
        }
    }

    @Test
    void anUnreadableReportIsDeadLetteredAndTheNextOneIsStillRead() {
        String phone = Phones.fresh();
        Answer started = start(first.http(), phone);
        OtpRequested otp = otps.awaitEvent(OtpRequested.class, e -> e.phone().e164().equals(phone), WAIT);
        String poisonKey = "poison-" + UUID.randomUUID();

        reports.send(Topics.OTP_DELIVERY, poisonKey,
                Map.of(CloudEventHeaders.TYPE, EventType.OTP_DELIVERY_REPORTED.type().getBytes(StandardCharsets.UTF_8)),
                "{\"not\":\"a report\"}".getBytes(StandardCharsets.UTF_8));
        reports.publish(report(otp, DeliveryOutcome.SENT, null), "/phonegate/otp-dispatcher");

        await().atMost(WAIT).until(() -> status(second.http(), started.text("challenge")).text("status").equals("sent"));
        try (TopicReader deadLetters = TopicReader.open(RealKafkaExtension.bootstrapServers(), Topics.deadLetter(Topics.OTP_DELIVERY))) {
            ConsumerRecord<String, byte[]> letter = deadLetters.awaitRecords(r -> poisonKey.equals(r.key()), 1, WAIT).get(0);
            assertThat(TopicReader.header(letter, CloudEventHeaders.DLQ_REASON)).contains("OtpDeliveryReported");
            assertThat(TopicReader.header(letter, "x-original-topic")).isEqualTo(Topics.OTP_DELIVERY);
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\":\"a report\"}");
        }
    }

    @Test
    void whileTheStoreIsDownTheReportWaitsAndIsWrittenOnceItIsBack() {
        String phone = Phones.fresh();
        Answer started = start(first.http(), phone);
        OtpRequested otp = otps.awaitEvent(OtpRequested.class, e -> e.phone().e164().equals(phone), WAIT);
        double pausedBefore = pauses();

        STORE.down();
        try {
            reports.publish(report(otp, DeliveryOutcome.SENT, null), "/phonegate/otp-dispatcher");
            await().atMost(WAIT).until(() -> pauses() > pausedBefore);
            assertThat(status(second.http(), started.text("challenge")).status())
                    .as("a status question while the store is down").isEqualTo(503);
        } finally {
            STORE.up();
        }

        // Both gateways: each reconnects to the store on its own, and the next test starts on the first one.
        for (GatewayInstance gateway : List.of(second, first)) {
            await().atMost(WAIT).until(() -> {
                Answer answer = status(gateway.http(), started.text("challenge"));
                return answer.status() == 200 && answer.text("status").equals("sent");
            });
        }
    }

    /** Store writes of reports that failed, on both gateways, as their metrics count them. */
    private static double pauses() {
        return pausesOn(first.management()) + pausesOn(second.management());
    }

    private static double pausesOn(GatewayHttp http) {
        Matcher counter = Pattern.compile(
                "phonegate_store_failures_total\\{[^}]*decision=\"delivery_status_write\"[^}]*policy=\"pause\"[^}]*} ([0-9.eE+]+)")
                .matcher(http.get("/actuator/prometheus").body());
        return counter.find() ? Double.parseDouble(counter.group(1)) : 0;
    }

    private static Answer start(GatewayHttp http, String phone) {
        Answer answer = http.postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", phone)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer;
    }

    private static Answer status(GatewayHttp http, String challenge) {
        return http.get(path(challenge));
    }

    private static String path(String challenge) {
        return "/v1/auth/challenges/" + challenge + "/status";
    }

    private static OtpDeliveryReported report(OtpRequested request, DeliveryOutcome outcome, String reason) {
        boolean sent = outcome == DeliveryOutcome.SENT;
        return new OtpDeliveryReported(UUID.randomUUID(), Instant.now(), request.eventId(), request.phone(),
                request.challengeId(), outcome, sent ? 1 : 0, sent ? "sns-" + UUID.randomUUID() : null, reason);
    }
}
