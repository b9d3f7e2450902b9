package io.phonegate.gateway.limits;

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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two whole gateways in one JVM sharing one redis-server, one Kafka broker and the Cognito
 * emulator, as two replicas behind a load balancer: the limits hold for both together, and a
 * restarted replica does not hand out a fresh allowance. Each request names its client address in
 * {@code X-Forwarded-For} (the gateways trust this machine as their proxy), so tests choose who is asking.
 */
@RealKafka
@RealRedis
class SharedLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    private static final String[] SETTINGS = {
            "phonegate.gateway.client-ip.trusted-proxies=127.0.0.0/8",
            "phonegate.gateway.limits.resend-cooldown=0s",
            "phonegate.gateway.limits.phone-hourly-cap=5",
            "phonegate.gateway.limits.phone-daily-cap=10",
            "phonegate.gateway.limits.wrong-answers-per-day=10",
            "phonegate.gateway.limits.client-ip-requests-per-minute=6"};

    private static GatewayInstance first;
    private static GatewayInstance second;
    private TopicReader otps;

    @BeforeAll
    static void startTwoGateways() {
        first = GatewayInstance.start(SETTINGS);
        second = GatewayInstance.start(SETTINGS);
    }

    @AfterAll
    static void stopThem() {
        first.close();
        second.close();
    }

    @BeforeEach
    void readCodes() {
        otps = TopicReader.open(RealKafkaExtension.bootstrapServers(), Topics.OTP_REQUESTED);
    }

    @AfterEach
    void stopReading() {
        otps.close();
    }

    @Test
    void oneNumberHammeredOnBothGatewaysGetsExactlyItsHourlyAllowanceAndOnlyThoseCodes() {
        String phone = Phones.fresh();
        // The first start creates the user; the rest race each other only for the allowance.
        assertThat(start(first, phone).status()).isEqualTo(202);

        List<Answer> answers = IntStream.range(0, 19)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> start(i % 2 == 0 ? first : second, phone)))
                .toList().stream().map(CompletableFuture::join).toList();

        assertThat(answers).extracting(Answer::status).as("statuses").filteredOn(status -> status == 202).hasSize(4);
        assertThat(answers).filteredOn(answer -> answer.status() != 202).hasSize(15).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(429);
            assertThat(answer.text("limit")).isEqualTo("phone_hourly");
        });
        otps.awaitEvents(OtpRequested.class, otp -> otp.phone().e164().equals(phone), 5, WAIT);
        // Every start was answered, and a 202 is sent only after Kafka acknowledged: nothing is on its way.
        assertThat(codesFor(phone)).isEqualTo(5);
    }

    @Test
    void aRestartedGatewayDoesNotHandOutAFreshAllowance() {
        String phone = Phones.fresh();
        for (int i = 0; i < 5; i++) {
            assertThat(start(first, phone).status()).isEqualTo(202);
        }

        second.close();
        second = GatewayInstance.start(SETTINGS);

        Answer afterRestart = start(second, phone);
        assertThat(afterRestart.status()).isEqualTo(429);
        assertThat(afterRestart.text("limit")).isEqualTo("phone_hourly");
        assertThat(Long.parseLong(afterRestart.retryAfter())).isBetween(3000L, 3600L);
    }

    @Test
    void wrongAnswersCountAcrossCodesAndGatewaysThenBothStartAndVerifyAre429() {
        String phone = Phones.fresh();
        int wrong = 0;
        String challenge = null;
        for (int code = 1; wrong < 10; code++) {
            challenge = start(code % 2 == 0 ? second : first, phone).text("challenge");
            String wrongCode = otherThan(codeSentTo(phone, code));
            for (int attempt = 0; attempt < 3 && wrong < 10; attempt++, wrong++) {
                Answer answer = verify(wrong % 2 == 0 ? first : second, phone, challenge, wrongCode);
                assertThat(answer.status()).as("wrong answer %d", wrong + 1).isEqualTo(401);
                challenge = answer.json().path("challenge").asString(challenge);
            }
        }

        Answer verify = verify(first, phone, challenge, "123456");
        Answer start = start(second, phone);

        assertThat(List.of(verify, start)).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(429);
            assertThat(answer.text("limit")).isEqualTo("wrong_answers");
            assertThat(Long.parseLong(answer.retryAfter())).isBetween(86_000L, 86_400L);
        });
    }

    @Test
    void aDisabledNumberRunsOutOfWrongAnswersWithTheSameAnswerAsAKnownOne() {
        String disabled = Phones.fresh();
        String known = Phones.fresh();
        String signup = start(first, disabled).text("challenge");
        assertThat(verify(second, disabled, signup, codeSentTo(disabled, 1)).status()).isEqualTo(200);
        EmulatedCognito.disable(disabled);
        String lookAlike = start(second, disabled).text("challenge");
        String knownChallenge = start(first, known).text("challenge");
        String wrongForKnown = otherThan(codeSentTo(known, 1));
        for (int i = 0; i < 10; i++) {
            Answer fake = verify(i % 2 == 0 ? first : second, disabled, lookAlike, "000000");
            Answer real = verify(i % 2 == 0 ? second : first, known, knownChallenge, wrongForKnown);
            assertThat(List.of(fake.status(), fake.text("type"))).as("answer %d", i + 1)
                    .isEqualTo(List.of(real.status(), real.text("type")));
            lookAlike = fake.json().path("challenge").asString(lookAlike);
            knownChallenge = real.json().path("challenge").asString(knownChallenge);
            if (real.text("type").endsWith("start-again")) {
                lookAlike = start(first, disabled).text("challenge");
                knownChallenge = start(first, known).text("challenge");
                wrongForKnown = otherThan(latestCodeSentTo(known));
            }
        }

        Answer forDisabled = verify(first, disabled, lookAlike, "000000");
        Answer forKnown = verify(second, known, knownChallenge, wrongForKnown);

        assertThat(forDisabled.status()).isEqualTo(429).isEqualTo(forKnown.status());
        assertThat(fields(forDisabled)).isEqualTo(fields(forKnown));
        assertThat(forDisabled.retryAfter()).isNotNull();
        assertThat(forKnown.retryAfter()).isNotNull();
    }

    @Test
    void twoNumbersFromOneAddressShareTheAddressAllowanceOnBothGateways() {
        String address = "198.18.0.1";
        String[] phones = {Phones.fresh(), Phones.fresh()};
        for (int i = 0; i < 6; i++) {
            GatewayInstance gateway = i % 2 == 0 ? first : second;
            assertThat(startFrom(gateway, address, phones[i / 3]).status()).as("request %d", i + 1).isEqualTo(202);
        }

        Answer seventh = startFrom(second, address, phones[1]);
        Answer fromElsewhere = start(first, phones[1]);

        assertThat(seventh.status()).isEqualTo(429);
        assertThat(seventh.text("limit")).isEqualTo("client_ip");
        // Written in the filter, without MVC: the same problem as a limit refused in a flow.
        assertThat(seventh.contentType()).startsWith("application/problem+json");
        assertThat(seventh.json().propertyNames()).containsExactlyInAnyOrder(
                "type", "title", "status", "detail", "instance", "limit");
        assertThat(seventh.text("instance")).isEqualTo("/v1/auth/start");
        assertThat(Long.parseLong(seventh.retryAfter())).isPositive();
        assertThat(fromElsewhere.status()).isEqualTo(202);
    }

    private static Answer start(GatewayInstance gateway, String phone) {
        return startFrom(gateway, freshAddress(), phone);
    }

    private static Answer startFrom(GatewayInstance gateway, String address, String phone) {
        return gateway.http().postJsonFrom(address, "/v1/auth/start", GatewayHttp.json(Map.of("phone", phone)));
    }

    private static Answer verify(GatewayInstance gateway, String phone, String challenge, String code) {
        return gateway.http().postJsonFrom(freshAddress(), "/v1/auth/verify",
                GatewayHttp.json(Map.of("phone", phone, "challenge", challenge, "code", code)));
    }

    /** A client address no other request used, so the per-address limit stays out of the way. */
    private static String freshAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.19." + (n / 250) + "." + (n % 250);
    }

    private String codeSentTo(String phone, int nth) {
        OtpRequested otp = otps.awaitEvents(OtpRequested.class, e -> e.phone().equals(PhoneNumber.ofE164(phone)), nth, WAIT)
                .get(nth - 1);
        return EmulatedCognito.SEAL.unseal(otp.sealedCode(), phone);
    }

    private String latestCodeSentTo(String phone) {
        return codeSentTo(phone, (int) codesFor(phone));
    }

    private long codesFor(String phone) {
        return otps.recordsAfter(Duration.ofMillis(500)).stream().map(TopicReader::decode)
                .filter(event -> event instanceof OtpRequested otp && otp.phone().e164().equals(phone)).count();
    }

    private static List<String> fields(Answer answer) {
        List<String> fields = new ArrayList<>();
        answer.json().properties().forEach(field -> fields.add(field.getKey() + "=" + field.getValue()));
        fields.sort(null);
        return fields;
    }

    private static String otherThan(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }
}
