package io.phonegate.gateway.auth;

import io.phonegate.common.event.OtpPurpose;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.SignupCompleted;
import io.phonegate.common.event.SignupRequestedV2;
import io.phonegate.common.event.Topics;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.common.store.AdmissionTicket;
import io.phonegate.gateway.support.EmulatedCognito;
import io.phonegate.gateway.support.GatewayHttp;
import io.phonegate.gateway.support.GatewayHttp.Answer;
import io.phonegate.gateway.support.GatewayIntegrationTest;
import io.phonegate.gateway.support.Phones;
import io.phonegate.gateway.support.TestRedis;
import io.phonegate.testsupport.kafka.TopicReader;
import io.phonegate.testsupport.redis.RealRedisExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The flows end to end: the gateway over HTTP, the Cognito emulator running the real triggers, real Kafka. */
class LoginFlowTest extends GatewayIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GatewayHttp http;
    private TopicReader otps;
    private TopicReader signups;
    private TopicReader completions;

    @BeforeEach
    void open() {
        http = http();
        otps = TopicReader.open(bootstrapServers(), Topics.OTP_REQUESTED);
        signups = TopicReader.open(bootstrapServers(), Topics.SIGNUP_REQUESTED);
        completions = TopicReader.open(bootstrapServers(), Topics.SIGNUP_COMPLETED);
    }

    @AfterEach
    void close() {
        EmulatedCognito.CLOCK.reset();
        otps.close();
        signups.close();
        completions.close();
    }

    @Test
    void newNumberGets202AndAnOtpRequestedWhoseSealedCodeUnsealsToACode() {
        String phone = Phones.fresh();

        Answer answer = start(phone, "hi-IN");

        assertThat(answer.status()).isEqualTo(202);
        JsonNode body = answer.json();
        assertThat(body.path("challenge").asString()).matches("[A-Za-z0-9_-]{27,}");
        assertThat(Instant.parse(body.path("expiresAt").asString())).isAfter(EmulatedCognito.CLOCK.instant());
        assertThat(Instant.parse(body.path("resendAfter").asString())).isNotNull();
        assertThat(body.path("codeLength").asInt()).isEqualTo(6);
        OtpRequested otp = otps.awaitEvent(OtpRequested.class, e -> e.phone().e164().equals(phone), WAIT);
        assertThat(otp.purpose()).isEqualTo(OtpPurpose.SIGNUP);
        assertThat(otp.locale()).isEqualTo("hi-IN");
        // The answer's expiry is the admission instant plus the code's lifetime: never after the code's own.
        Instant answered = Instant.parse(body.path("expiresAt").asString());
        assertThat(answered).isBeforeOrEqualTo(otp.expiresAt()).isAfter(otp.expiresAt().minusSeconds(2));
        assertThat(Duration.between(Instant.parse(body.path("resendAfter").asString()), answered))
                .isEqualTo(Duration.ofMinutes(3));
        assertThat(EmulatedCognito.SEAL.unseal(otp.sealedCode(), phone)).matches("[0-9]{6}");
        AdmissionTicket admission = AdmissionTicket.parse(otp.admission()).orElseThrow();
        try (TestRedis redis = TestRedis.on(RealRedisExtension.server())) {
            assertThat(redis.template().opsForZSet().score(admission.startsKey(), admission.slotId()))
                    .as("the dispatcher sends only while the start's admission stands").isNotNull();
            // Written once the 202 has left, which the client may read first.
            Awaitility.await().atMost(WAIT).until(() -> redis.template().hasKey(admission.answeredKey()));
            long keptFor = redis.template().getExpire(admission.answeredKey(), TimeUnit.SECONDS);
            assertThat(Duration.ofSeconds(keptFor)).as("until the code expires, and a minute for clocks")
                    .isBetween(Duration.ofMinutes(3), Duration.ofMinutes(4).plusSeconds(5));
        }
        SignupRequestedV2 signup = signups.awaitEvent(SignupRequestedV2.class, e -> e.phone().e164().equals(phone), WAIT);
        assertThat(signup.username()).isEqualTo(phone);
        assertThat(EmulatedCognito.user(phone).userStatus()).isEqualTo(UserStatusType.CONFIRMED);
    }

    @Test
    void aClientThatLeavesBeforeIts202IsNeverMarkedAnsweredAndGetsItsStartBack() throws Exception {
        String phone = Phones.fresh();
        assertThat(start(phone, null).status()).as("the user exists: its next start takes the short path, well inside the floor")
                .isEqualTo(202);
        try (TestRedis redis = TestRedis.on(RealRedisExtension.server())) {
            for (int attempt = 1; attempt <= 5; attempt++) {
                AdmissionTicket left;
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    byte[] body = ("{\"phone\":\"" + phone + "\"}").getBytes(StandardCharsets.UTF_8);
                    socket.getOutputStream().write(("POST /v1/auth/start HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().write(body);
                    OtpRequested otp = otps.awaitEvents(OtpRequested.class, e -> e.phone().e164().equals(phone), attempt + 1, WAIT)
                            .get(attempt);
                    left = AdmissionTicket.parse(otp.admission()).orElseThrow();
                    if (socket.getInputStream().available() > 0) {
                        continue; // answered before this test could leave: a slow machine; try again
                    }
                    socket.setSoLinger(true, 0); // closing resets the connection: the gateway's write fails
                }
                AdmissionTicket ticket = left;
                Awaitility.await().atMost(WAIT).until(() -> redis.template().opsForZSet().score(ticket.startsKey(), ticket.slotId()) == null);
                assertThat(redis.template().hasKey(ticket.answeredKey())).as("the dispatcher will withdraw its code").isFalse();
                return;
            }
        }
        throw new AssertionError("every attempt was answered before the client could leave");
    }

    @Test
    void newNumberVerifiedWithTheSealedCodeGetsTokensShowingTheVerifiedPhone() {
        String phone = Phones.fresh();
        String challenge = start(phone, null).text("challenge");

        Answer answer = verify(phone, challenge, codeSentTo(phone, 1));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(answer.json().path("expiresIn").asInt()).isPositive();
        assertThat(answer.text("accessToken")).isNotBlank();
        assertThat(answer.text("refreshToken")).startsWith("pg1.");
        JsonNode claims = claims(answer.text("idToken"));
        assertThat(claims.path("phone_number").asString()).isEqualTo(phone);
        assertThat(claims.path("phone_number_verified").asBoolean()).isTrue();
        assertThat(EmulatedCognito.attribute(EmulatedCognito.user(phone), "phone_number_verified")).isEqualTo("true");
        SignupCompleted completed = completions.awaitEvent(SignupCompleted.class, e -> e.phone().e164().equals(phone), WAIT);
        assertThat(completed.userSub()).isEqualTo(claims.path("sub").asString());
    }

    @Test
    void wrongCodeGets401WithANewChallengeAndAttemptsLeftThenTheRightCodeGetsTokens() {
        String phone = Phones.fresh();
        String challenge = start(phone, null).text("challenge");
        String code = codeSentTo(phone, 1);

        Answer wrong = verify(phone, challenge, otherThan(code));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(wrong.text("type")).isEqualTo("https://phonegate.io/problems/wrong-code");
        assertThat(wrong.json().path("attemptsLeft").asInt()).isEqualTo(2);
        String next = wrong.text("challenge");
        assertThat(next).isNotEqualTo(challenge);
        Answer right = verify(phone, next, code);
        assertThat(right.status()).isEqualTo(200);
        assertThat(claims(right.text("idToken")).path("phone_number_verified").asBoolean()).isTrue();
        // A wrong answer is a retry of the same code: no second SMS is asked for. Publishing is synchronous,
        // so whatever the requests published is on the topic by now: read it to its end.
        assertThat(otps.recordsToEnd(WAIT).stream().map(TopicReader::decode)
                .filter(e -> e instanceof OtpRequested o && o.phone().e164().equals(phone))).hasSize(1);
    }

    @Test
    void threeWrongCodesTellTheClientToStartAgain() {
        String phone = Phones.fresh();
        String challenge = start(phone, null).text("challenge");
        String wrongCode = otherThan(codeSentTo(phone, 1));

        Answer first = verify(phone, challenge, wrongCode);
        Answer second = verify(phone, first.text("challenge"), wrongCode);
        Answer third = verify(phone, second.text("challenge"), wrongCode);

        assertThat(first.json().path("attemptsLeft").asInt()).isEqualTo(2);
        assertThat(second.json().path("attemptsLeft").asInt()).isEqualTo(1);
        assertThat(third.status()).isEqualTo(401);
        assertThat(third.text("type")).isEqualTo("https://phonegate.io/problems/start-again");
        assertThat(third.json().has("challenge")).isFalse();
    }

    @Test
    void knownUserStartCostsExactlyOneCognitoCallAndVerifyOne() {
        String phone = Phones.fresh();
        signUpAndVerify(phone);
        EmulatedCognito.emulator().resetCallCounts();

        Answer started = start(phone, null);
        long startCalls = EmulatedCognito.totalCalls();
        Answer verified = verify(phone, started.text("challenge"), codeSentTo(phone, 2));
        long verifyCalls = EmulatedCognito.totalCalls() - startCalls;

        assertThat(started.status()).isEqualTo(202);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(startCalls).isEqualTo(1);
        assertThat(EmulatedCognito.emulator().callCount("AdminInitiateAuth")).isEqualTo(1);
        assertThat(verifyCalls).isEqualTo(1);
        assertThat(EmulatedCognito.emulator().callCount("AdminRespondToAuthChallenge")).isEqualTo(1);
        OtpRequested login = otps.awaitEvents(OtpRequested.class, e -> e.phone().e164().equals(phone), 2, WAIT).get(1);
        assertThat(login.purpose()).isEqualTo(OtpPurpose.LOGIN);
    }

    @Test
    void unconfirmedUserIsDeletedAndCreatedAfresh() {
        String phone = Phones.fresh();
        String oldSub = EmulatedCognito.signUpUnconfirmed(phone);
        assertThat(EmulatedCognito.user(phone).userStatus()).isEqualTo(UserStatusType.UNCONFIRMED);

        Answer answer = start(phone, null);

        assertThat(answer.status()).isEqualTo(202);
        assertThat(EmulatedCognito.user(phone).userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        String newSub = EmulatedCognito.attribute(EmulatedCognito.user(phone), "sub");
        assertThat(newSub).isNotEqualTo(oldSub);
        assertThat(signups.awaitEvent(SignupRequestedV2.class, e -> e.phone().e164().equals(phone), WAIT).username())
                .isEqualTo(phone);
        assertThat(verify(phone, answer.text("challenge"), codeSentTo(phone, 1)).status()).isEqualTo(200);
    }

    @Test
    void disabledUserGetsALookAlikeAnswerAndNoCode() {
        String known = Phones.fresh();
        String disabled = Phones.fresh();
        signUpAndVerify(disabled);
        EmulatedCognito.disable(disabled);
        Answer real = start(known, null);

        Answer lookAlike = start(disabled, null);

        assertThat(lookAlike.status()).isEqualTo(real.status()).isEqualTo(202);
        assertThat(fieldNames(lookAlike.json())).isEqualTo(fieldNames(real.json()));
        assertThat(lookAlike.text("challenge")).matches("[A-Za-z0-9_-]+").hasSameSizeAs(real.text("challenge"));
        assertThat(lookAlike.json().path("codeLength").asInt()).isEqualTo(real.json().path("codeLength").asInt());
        for (String time : new String[] {"expiresAt", "resendAfter"}) {
            assertThat(lookAlike.text(time)).hasSameSizeAs(real.text(time)).matches(".*\\.\\d{3}Z");
        }
        assertThat(lifetime(lookAlike)).isEqualTo(lifetime(real));
        assertThat(otps.recordsToEnd(WAIT).stream().map(TopicReader::decode)
                .filter(e -> e instanceof OtpRequested o && o.phone().e164().equals(disabled))).hasSize(1);
    }

    @Test
    void wrongCodesOnALookAlikeCountDownAndEndExactlyAsOnARealChallenge() {
        String known = Phones.fresh();
        String disabled = Phones.fresh();
        signUpAndVerify(disabled);
        EmulatedCognito.disable(disabled);
        Answer real = start(known, null);
        Answer lookAlike = start(disabled, null);
        String wrongForReal = otherThan(codeSentTo(known, 1));

        Answer realFirst = verify(known, real.text("challenge"), wrongForReal);
        Answer fakeFirst = verify(disabled, lookAlike.text("challenge"), "000000");
        Answer realSecond = verify(known, realFirst.text("challenge"), wrongForReal);
        Answer fakeSecond = verify(disabled, fakeFirst.text("challenge"), "111111");
        Answer realThird = verify(known, realSecond.text("challenge"), wrongForReal);
        Answer fakeThird = verify(disabled, fakeSecond.text("challenge"), "222222");

        for (Answer[] pair : new Answer[][] {{realFirst, fakeFirst}, {realSecond, fakeSecond}, {realThird, fakeThird}}) {
            assertThat(pair[1].status()).isEqualTo(pair[0].status());
            assertThat(pair[1].contentType()).isEqualTo(pair[0].contentType());
            assertThat(fieldNames(pair[1].json())).isEqualTo(fieldNames(pair[0].json()));
            assertThat(pair[1].text("type")).isEqualTo(pair[0].text("type"));
            assertThat(pair[1].text("detail")).isEqualTo(pair[0].text("detail"));
            assertThat(pair[1].body().length()).isEqualTo(pair[0].body().length());
        }
        assertThat(fakeFirst.json().path("attemptsLeft").asInt()).isEqualTo(2);
        assertThat(fakeSecond.json().path("attemptsLeft").asInt()).isEqualTo(1);
        assertThat(fakeThird.text("type")).isEqualTo("https://phonegate.io/problems/start-again");
        // A handle answers once, a real one (Cognito's session is spent) and a look-alike alike.
        Answer realAgain = verify(known, real.text("challenge"), wrongForReal);
        Answer fakeAgain = verify(disabled, lookAlike.text("challenge"), "000000");
        assertThat(realAgain.text("type")).isEqualTo(fakeAgain.text("type")).isEqualTo("https://phonegate.io/problems/start-again");
    }

    @Test
    void pendingUserStartingAgainIsChallengedAsASignupAndAnnouncedAgain() {
        String phone = Phones.fresh();
        start(phone, null);

        Answer again = start(phone, null);

        assertThat(again.status()).isEqualTo(202);
        OtpRequested second = otps.awaitEvents(OtpRequested.class, e -> e.phone().e164().equals(phone), 2, WAIT).get(1);
        assertThat(second.purpose()).isEqualTo(OtpPurpose.SIGNUP);
        var announcements = signups.awaitEvents(SignupRequestedV2.class, e -> e.phone().e164().equals(phone), 2, WAIT);
        assertThat(announcements.get(1).occurredAt()).isAfterOrEqualTo(announcements.get(0).occurredAt());
        assertThat(signups.recordsToEnd(WAIT).stream().map(TopicReader::decode)
                .filter(e -> e instanceof SignupRequestedV2 a && a.username().equals(phone))).as("once per start").hasSize(2);
        assertThat(verify(phone, again.text("challenge"), codeSentTo(phone, 2)).status()).isEqualTo(200);
    }

    @Test
    void expiredCodeTellsTheClientToStartAgain() {
        String phone = Phones.fresh();
        String challenge = start(phone, null).text("challenge");
        String code = codeSentTo(phone, 1);
        EmulatedCognito.CLOCK.advance(Duration.ofMinutes(4));

        Answer answer = verify(phone, challenge, code);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.text("type")).isEqualTo("https://phonegate.io/problems/start-again");
    }

    @Test
    void refreshGivesNewTokensAndLogoutRevokesTheRefreshToken() {
        String phone = Phones.fresh();
        String refreshToken = signUpAndVerify(phone).text("refreshToken");

        Answer refreshed = http.postJson("/v1/auth/refresh", GatewayHttp.json(Map.of("refreshToken", refreshToken)));
        Answer loggedOut = http.postJson("/v1/auth/logout", GatewayHttp.json(Map.of("refreshToken", refreshToken)));
        Answer afterLogout = http.postJson("/v1/auth/refresh", GatewayHttp.json(Map.of("refreshToken", refreshToken)));

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(claims(refreshed.text("idToken")).path("phone_number").asString()).isEqualTo(phone);
        assertThat(refreshed.json().has("refreshToken")).isFalse();
        assertThat(loggedOut.status()).isEqualTo(204);
        assertThat(afterLogout.status()).isEqualTo(401);
        assertThat(afterLogout.text("type")).isEqualTo("https://phonegate.io/problems/invalid-refresh-token");
    }

    private Answer signUpAndVerify(String phone) {
        String challenge = start(phone, null).text("challenge");
        Answer verified = verify(phone, challenge, codeSentTo(phone, 1));
        assertThat(verified.status()).isEqualTo(200);
        return verified;
    }

    private Answer start(String phone, String locale) {
        Map<String, String> body = locale == null ? Map.of("phone", phone) : Map.of("phone", phone, "locale", locale);
        return http.postJson("/v1/auth/start", GatewayHttp.json(body));
    }

    private Answer verify(String phone, String challenge, String code) {
        return http.postJson("/v1/auth/verify",
                GatewayHttp.json(Map.of("phone", phone, "challenge", challenge, "code", code)));
    }

    /** The code of the {@code nth} OtpRequested for this number, unsealed as the dispatcher would. */
    private String codeSentTo(String phone, int nth) {
        OtpRequested otp = otps.awaitEvents(OtpRequested.class, e -> e.phone().equals(PhoneNumber.ofE164(phone)), nth, WAIT)
                .get(nth - 1);
        return EmulatedCognito.SEAL.unseal(otp.sealedCode(), phone);
    }

    private static String otherThan(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    private static JsonNode claims(String jwt) {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    /** What the answer says the code lives, counted from when a new code may be asked for. */
    private static Duration lifetime(Answer started) {
        return Duration.between(Instant.parse(started.text("resendAfter")), Instant.parse(started.text("expiresAt")));
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        return node.propertyNames().stream().sorted().toList();
    }
}
