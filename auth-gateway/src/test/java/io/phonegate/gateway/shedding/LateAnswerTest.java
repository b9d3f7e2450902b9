package io.phonegate.gateway.shedding;

import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.Topics;
import io.phonegate.common.store.AdmissionTicket;
import io.phonegate.gateway.support.GatewayHttp;
import io.phonegate.gateway.support.GatewayIntegrationTest;
import io.phonegate.gateway.support.Phones;
import io.phonegate.gateway.support.TestRedis;
import io.phonegate.testsupport.kafka.TopicReader;
import io.phonegate.testsupport.redis.RealRedisExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code 202} that leaves past the answer deadline most likely reaches a client that gave up: its start is not
 * marked answered (so the dispatcher withdraws the code) and its admission is given back. Here every start is
 * late: the start floor (250 ms) is longer than the answer deadline.
 */
@TestPropertySource(properties = {
        "phonegate.gateway.shedding.answer-deadline=100ms",
        "phonegate.gateway.pacing.start-floor=250ms"})
class LateAnswerTest extends GatewayIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Pattern LATE = Pattern.compile(
            "phonegate_gateway_shed_total\\{[^}]*reason=\"answer_late\"[^}]*} ([0-9.E]+)");

    @Test
    void aStartAnsweredPastTheAnswerDeadlineIsNotMarkedAnsweredAndGetsItsAdmissionBack() {
        String phone = Phones.fresh();
        double lateBefore = answeredLate();
        try (TopicReader otps = TopicReader.open(bootstrapServers(), Topics.OTP_REQUESTED);
             TestRedis redis = TestRedis.on(RealRedisExtension.server())) {

            GatewayHttp.Answer answer = http().postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", phone)));

            assertThat(answer.status()).isEqualTo(202);
            OtpRequested otp = otps.awaitEvent(OtpRequested.class, e -> e.phone().e164().equals(phone), WAIT);
            AdmissionTicket ticket = AdmissionTicket.parse(otp.admission()).orElseThrow();
            Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(
                    redis.template().opsForZSet().score(ticket.startsKey(), ticket.slotId()))
                    .as("the admission is given back, so the dispatcher withdraws the code").isNull());
            assertThat(redis.template().hasKey(ticket.answeredKey())).as("never marked answered").isFalse();
        }
        assertThat(answeredLate()).isEqualTo(lateBefore + 1);
    }

    private double answeredLate() {
        Matcher late = LATE.matcher(management().get("/actuator/prometheus").body());
        return late.find() ? Double.parseDouble(late.group(1)) : 0;
    }
}
