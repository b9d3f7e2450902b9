package io.phonegate.gateway.auth;

import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.Topics;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.gateway.support.EmulatedCognito;
import io.phonegate.gateway.support.GatewayHttp;
import io.phonegate.gateway.support.GatewayHttp.Answer;
import io.phonegate.gateway.support.GatewayInstance;
import io.phonegate.gateway.support.Phones;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.kafka.RealKafkaExtension;
import io.phonegate.testsupport.kafka.TopicReader;
import io.phonegate.testsupport.redis.RealRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only a real challenge can spend a number's wrong answers. A handle the gateway did not give out for
 * that number (made up, a bare Cognito session as older gateways wrapped it, another number's real one)
 * is refused {@code 400} before the ledger is asked: otherwise anyone could lock a number's log-ins for a
 * day with a few made-up handles. A real challenge costs a start, which is itself limited; a disabled
 * user's look-alike spends the allowance exactly as a real one does.
 */
@RealKafka
@RealRedis
class ChallengeAbuseTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static GatewayInstance gateway;

    private GatewayHttp http;
    private TopicReader otps;

    @BeforeAll
    static void startGateway() {
        gateway = GatewayInstance.start(
                "phonegate.gateway.limits.resend-cooldown=0s",
                "phonegate.gateway.limits.wrong-answers-per-day=3",
                "phonegate.gateway.limits.client-ip-requests-per-minute=1000000",
                "phonegate.gateway.pacing.start-floor=0s",
                "phonegate.gateway.pacing.wrong-answer-floor=0s");
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @BeforeEach
    void open() {
        http = gateway.http();
        otps = TopicReader.open(RealKafkaExtension.bootstrapServers(), Topics.OTP_REQUESTED);
    }

    @AfterEach
    void close() {
        otps.close();
    }

    @Test
    void madeUpHandlesAreRefusedBeforeTheyCanSpendANumbersWrongAnswers() {
        String victim = Phones.fresh();
        String attacker = Phones.fresh();
        String attackersOwn = start(attacker).text("challenge");
        List<String> forged = new ArrayList<>(List.of(attackersOwn,
                Base64.getUrlEncoder().withoutPadding().encodeToString(("AYAB" + "x".repeat(900)).getBytes(StandardCharsets.US_ASCII))));
        for (int length : new int[] {40, 128, 387, 388, 1400}) {
            for (int i = 0; i < 4; i++) {
                byte[] bytes = new byte[length * 3 / 4];
                RANDOM.nextBytes(bytes);
                bytes[0] = 1;
                forged.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            }
        }

        for (String handle : forged) {
            Answer refused = verify(victim, handle, "123456");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.text("type")).isEqualTo("https://phonegate.io/problems/invalid-challenge");
        }

        // The victim's own allowance (3) is whole: three wrong answers are judged, only the fourth is refused.
        String first = start(victim).text("challenge");
        String wrong = otherThan(codeSentTo(victim, 1));
        Answer one = verify(victim, first, wrong);
        Answer two = verify(victim, one.text("challenge"), wrong);
        Answer three = verify(victim, two.text("challenge"), wrong);
        assertThat(List.of(one.status(), two.status(), three.status())).containsExactly(401, 401, 401);
        Answer fourth = start(victim);
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.text("limit")).isEqualTo("wrong_answers");
    }

    @Test
    void aRealHandleGoesWithItsNumberOnly() {
        String owner = Phones.fresh();
        String other = Phones.fresh();
        String challenge = start(owner).text("challenge");
        String code = codeSentTo(owner, 1);

        Answer elsewhere = verify(other, challenge, code);
        Answer own = verify(owner, challenge, code);

        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(own.status()).isEqualTo(200);
    }

    @Test
    void aLookAlikeSpendsTheAllowanceExactlyAsARealChallengeDoes() {
        String known = Phones.fresh();
        String disabled = Phones.fresh();
        String challenge = start(disabled).text("challenge");
        assertThat(verify(disabled, challenge, codeSentTo(disabled, 1)).status()).isEqualTo(200);
        EmulatedCognito.disable(disabled);
        String real = start(known).text("challenge");
        String wrongForKnown = otherThan(codeSentTo(known, 1));
        String fake = start(disabled).text("challenge");

        for (int i = 0; i < 3; i++) {
            Answer realAnswer = verify(known, real, wrongForKnown);
            Answer fakeAnswer = verify(disabled, fake, "000000");
            assertThat(fakeAnswer.status()).isEqualTo(realAnswer.status());
            assertThat(fakeAnswer.text("type")).isEqualTo(realAnswer.text("type"));
            real = realAnswer.text("challenge");
            fake = fakeAnswer.text("challenge");
        }

        Answer realStart = start(known);
        Answer fakeStart = start(disabled);
        assertThat(fakeStart.status()).isEqualTo(realStart.status()).isEqualTo(429);
        assertThat(fakeStart.text("limit")).isEqualTo(realStart.text("limit")).isEqualTo("wrong_answers");
        assertThat(fakeStart.retryAfter()).isNotNull();
    }

    private Answer start(String phone) {
        return http.postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", phone)));
    }

    private Answer verify(String phone, String challenge, String code) {
        return http.postJson("/v1/auth/verify", GatewayHttp.json(Map.of("phone", phone, "challenge", challenge, "code", code)));
    }

    private String codeSentTo(String phone, int nth) {
        OtpRequested otp = otps.awaitEvents(OtpRequested.class, e -> e.phone().equals(PhoneNumber.ofE164(phone)), nth, WAIT)
                .get(nth - 1);
        return EmulatedCognito.SEAL.unseal(otp.sealedCode(), phone);
    }

    private static String otherThan(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }
}
