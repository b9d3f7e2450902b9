package io.phonegate.gateway.auth;

import io.phonegate.common.event.OtpPurpose;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.SignupCompleted;
import io.phonegate.common.event.SignupRequestedV2;
import io.phonegate.common.event.Topics;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.gateway.support.EmulatedCognito;
import io.phonegate.gateway.support.EmulatedPool;
import io.phonegate.gateway.support.GatewayHttp;
import io.phonegate.gateway.support.GatewayHttp.Answer;
import io.phonegate.gateway.support.Phones;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.redis.RealRedis;
import io.phonegate.testsupport.kafka.RealKafkaExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import io.phonegate.testsupport.kafka.TopicReader;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's journeys through the gateway (HTTP, the emulator running the real triggers, real Kafka)
 * on a pool set up otherwise than {@code deploy-aws} sets one up: each subclass chooses the settings,
 * and gets a gateway of its own pointed at that pool. The pool {@code deploy-aws} makes is the one
 * {@link LoginFlowTest} and the other gateway tests use.
 */
@RealKafka
@RealRedis
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "phonegate.gateway.limits.resend-cooldown=0s",
        "phonegate.gateway.limits.phone-hourly-cap=1000000",
        "phonegate.gateway.limits.phone-daily-cap=1000000",
        "phonegate.gateway.limits.client-ip-requests-per-minute=1000000"})
abstract class FlowUnderPoolSettingsTest {

    static final Duration WAIT = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    GatewayHttp http;
    TopicReader otps;
    TopicReader signups;
    TopicReader completions;

    abstract EmulatedPool pool();

    @BeforeEach
    void open() {
        http = new GatewayHttp(port);
        otps = TopicReader.open(RealKafkaExtension.bootstrapServers(), Topics.OTP_REQUESTED);
        signups = TopicReader.open(RealKafkaExtension.bootstrapServers(), Topics.SIGNUP_REQUESTED);
        completions = TopicReader.open(RealKafkaExtension.bootstrapServers(), Topics.SIGNUP_COMPLETED);
    }

    @AfterEach
    void close() {
        otps.close();
        signups.close();
        completions.close();
    }

    @Test
    void theGatewayIsReadyOnThisPool() {
        assertThat(new GatewayHttp(managementPort).get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void aNewNumberSignsUpThenLogsInRefreshesAndLogsOut() {
        String phone = Phones.fresh();

        Answer started = start(phone);
        assertThat(started.status()).isEqualTo(202);
        assertThat(signups.awaitEvent(SignupRequestedV2.class, e -> e.phone().e164().equals(phone), WAIT).username())
                .as("announced under the number").isEqualTo(phone);
        assertThat(otp(phone, 1).purpose()).isEqualTo(OtpPurpose.SIGNUP);
        Answer signedUp = verify(phone, started.text("challenge"), codeSentTo(phone, 1));
        assertThat(signedUp.status()).isEqualTo(200);
        JsonNode claims = claims(signedUp.text("idToken"));
        assertThat(claims.path("phone_number").asString()).isEqualTo(phone);
        assertThat(claims.path("phone_number_verified").asBoolean()).isTrue();
        assertThat(claims.path("custom:pg_completed").asString()).isNotBlank();
        assertThat(completions.awaitEvent(SignupCompleted.class, e -> e.phone().e164().equals(phone), WAIT).userSub())
                .isEqualTo(claims.path("sub").asString());

        Answer again = start(phone);
        assertThat(otp(phone, 2).purpose()).isEqualTo(OtpPurpose.LOGIN);
        Answer loggedIn = verify(phone, again.text("challenge"), codeSentTo(phone, 2));
        assertThat(loggedIn.status()).isEqualTo(200);

        String refreshToken = loggedIn.text("refreshToken");
        Answer refreshed = http.postJson("/v1/auth/refresh", GatewayHttp.json(Map.of("refreshToken", refreshToken)));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(claims(refreshed.text("idToken")).path("phone_number").asString()).isEqualTo(phone);
        assertThat(http.postJson("/v1/auth/logout", GatewayHttp.json(Map.of("refreshToken", refreshToken))).status())
                .isEqualTo(204);
        assertThat(http.postJson("/v1/auth/refresh", GatewayHttp.json(Map.of("refreshToken", refreshToken))).status())
                .isEqualTo(401);
    }

    @Test
    void aWrongCodeLeavesAttemptsAndTheRightOneStillWorks() {
        String phone = Phones.fresh();
        String challenge = start(phone).text("challenge");
        String code = codeSentTo(phone, 1);

        Answer wrong = verify(phone, challenge, code.equals("000000") ? "111111" : "000000");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("attemptsLeft").asInt()).isEqualTo(2);
        assertThat(verify(phone, wrong.text("challenge"), code).status()).isEqualTo(200);
    }

    @Test
    void anUnconfirmedUserOfAnOlderFlowIsReplaced() {
        String phone = Phones.fresh();
        String oldSub = pool().signUpUnconfirmed(phone);

        Answer started = start(phone);

        assertThat(started.status()).isEqualTo(202);
        assertThat(pool().user(phone).userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(EmulatedPool.attribute(pool().user(phone), "sub")).isNotEqualTo(oldSub);
        assertThat(verify(phone, started.text("challenge"), codeSentTo(phone, 1)).status()).isEqualTo(200);
    }

    /**
     * Cognito refuses to create a second user with the number (a username attribute must be unique, verified
     * or not), so the start goes on as a log-in: no duplicate, the same user, a {@code LOGIN} code.
     */
    @Test
    void aUserWhoCompletedSignupButIsNotKnownAsLoggedInLogsInWithoutADuplicate() {
        String phone = Phones.fresh();
        String sub = pool().completedUser(phone);

        Answer started = start(phone);

        assertThat(started.status()).isEqualTo(202);
        assertThat(otp(phone, 1).purpose()).isEqualTo(OtpPurpose.LOGIN);
        assertThat(pool().usersWithNumber(phone)).isEqualTo(1);
        assertThat(EmulatedPool.attribute(pool().user(phone), "sub")).isEqualTo(sub);
        assertThat(claims(verify(phone, started.text("challenge"), codeSentTo(phone, 1)).text("idToken"))
                .path("sub").asString()).isEqualTo(sub);
    }

    @Test
    void aDisabledUserGetsALookAlikeAnswerAndNoCode() {
        String phone = Phones.fresh();
        assertThat(verify(phone, start(phone).text("challenge"), codeSentTo(phone, 1)).status()).isEqualTo(200);
        pool().disable(phone);

        Answer lookAlike = start(phone);

        assertThat(lookAlike.status()).isEqualTo(202);
        assertThat(otps.recordsToEnd(WAIT).stream().map(TopicReader::decode)
                .filter(e -> e instanceof OtpRequested o && o.phone().e164().equals(phone))).hasSize(1);
        Answer answered = verify(phone, lookAlike.text("challenge"), "123456");
        assertThat(answered.text("type")).as("counted down as a real challenge is")
                .isEqualTo("https://phonegate.io/problems/wrong-code");
        assertThat(answered.json().path("attemptsLeft").asInt()).isEqualTo(2);
    }

    Answer start(String phone) {
        return http.postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", phone)));
    }

    Answer verify(String phone, String challenge, String code) {
        return http.postJson("/v1/auth/verify", GatewayHttp.json(Map.of("phone", phone, "challenge", challenge, "code", code)));
    }

    OtpRequested otp(String phone, int nth) {
        return otps.awaitEvents(OtpRequested.class, e -> e.phone().equals(PhoneNumber.ofE164(phone)), nth, WAIT).get(nth - 1);
    }

    String codeSentTo(String phone, int nth) {
        return EmulatedCognito.SEAL.unseal(otp(phone, nth).sealedCode(), phone);
    }

    static JsonNode claims(String jwt) {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
