package io.phonegate.gateway.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.gateway.botcheck.BotCheckConfig;
import io.phonegate.gateway.delivery.DeliveryConfig;
import io.phonegate.gateway.delivery.Tracking;
import io.phonegate.gateway.testnumbers.TestNumbersConfig;
import io.phonegate.gateway.cognito.CognitoThrottledException;
import io.phonegate.gateway.cognito.CognitoUnavailableException;
import io.phonegate.gateway.cognito.UserExistsException;
import io.phonegate.gateway.config.AnswerKeyProperties;
import io.phonegate.gateway.config.AnswerKeysConfig;
import io.phonegate.gateway.config.GatewayProperties;
import io.phonegate.gateway.config.WebConfig;
import io.phonegate.gateway.limits.LimitsConfig;
import io.phonegate.gateway.problem.DirectAnswers;
import io.phonegate.gateway.pacing.PacingConfig;
import io.phonegate.gateway.shedding.SheddingSettings;
import io.phonegate.gateway.support.FakeUserPool;
import io.phonegate.testsupport.MutableClock;
import io.phonegate.gateway.support.RecordingEventPublisher;
import io.phonegate.testsupport.redis.RealRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The HTTP contract of {@code /v1/auth}: status codes, problem types and bodies for every kind of
 * input, with a stand-in for Cognito and for Kafka behind the gateway's own interfaces, and the
 * limits on a real redis-server. Each request comes from its own client address, so the
 * per-address limit stays out of the way except where it is the subject.
 */
@RealRedis
@WebMvcTest(properties = {
        "phonegate.store.subject-key=MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=",
        "phonegate.answer.keys=t1:MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=",
        "phonegate.gateway.pacing.start-floor=0s",
        "phonegate.gateway.pacing.wrong-answer-floor=0s",
        "phonegate.gateway.limits.resend-cooldown=30s",
        "phonegate.gateway.limits.phone-hourly-cap=3",
        "phonegate.gateway.limits.wrong-answers-per-day=3",
        "phonegate.gateway.limits.client-ip-requests-per-minute=5"})
@ImportAutoConfiguration(DataRedisAutoConfiguration.class)
@Import({LoginService.class, AuthInputs.class, ChallengeHandles.class, RefreshTokenHandles.class, LimitsConfig.class,
        PacingConfig.class, AnswerKeysConfig.class, WebConfig.class, DeliveryConfig.class, TestNumbersConfig.class,
        BotCheckConfig.class, DirectAnswers.class, AuthApiContractTest.Doubles.class})
class AuthApiContractTest {

    private static final String PROBLEMS = "https://phonegate.io/problems/";
    private static final String MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({GatewayProperties.class, AnswerKeyProperties.class, SheddingSettings.class})
    static class Doubles {
        @Bean
        MutableClock clock() {
            return new MutableClock();
        }

        @Bean
        FakeUserPool userPool(Clock clock) {
            return new FakeUserPool(clock);
        }

        @Bean
        RecordingEventPublisher events() {
            return new RecordingEventPublisher();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    MutableClock clock;
    @Autowired
    FakeUserPool userPool;
    @Autowired
    RecordingEventPublisher events;
    @Autowired
    ChallengeHandles handles;

    @Test
    void startAnswers202WithTheChallengeAndPublishesTheCode() throws Exception {
        String phone = "+919876500001";

        start("{\"phone\":\"" + phone + "\",\"locale\":\"en-GB\"}")
                .andExpect(status().isAccepted())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.challenge").isString())
                .andExpect(jsonPath("$.expiresAt").isString())
                .andExpect(jsonPath("$.resendAfter").isString())
                .andExpect(jsonPath("$.codeLength").value(6));

        assertThat(events.published()).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(
                OtpRequested.class, otp -> assertThat(otp.phone().e164()).isEqualTo(phone)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"98765 00002", "+91-98765-00003", "(+91) 98765.00004", "0 98765 00005",
            "\uFF19\uFF18\uFF17\uFF16\uFF15\uFF10\uFF10\uFF10\uFF10\uFF16", " +91 98765 00007 "})
    void numbersTypedInAnyCommonFormAreAccepted(String typed) throws Exception {
        start("{\"phone\":\"" + typed + "\"}").andExpect(status().isAccepted());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "abc", "+1", "12", "+91 98765 0000x", "+999 1234567", "+91 12345 67890",
            "+91\\u0000987650000", "+91 98765 00008 ext. 1234567890123456789012345678901234567890123456789",
            "\\u202e+919876500009", "+44 20 7946 0958"})
    void numbersThatCannotReceiveACodeAre400InvalidPhone(String typed) throws Exception {
        problem(start("{\"phone\":\"" + typed + "\"}"), 400, "invalid-phone");
    }

    @Test
    void numberOutsideTheAllowedCountriesIs422() throws Exception {
        problem(start("{\"phone\":\"+55 11 91234 5678\"}"), 422, "country-not-allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "not json", "[]", "\"phone\"", "{\"phone\":\"+919876500010\"} trailing",
            "{\"phone\":\"+919876500011\",\"phone\":\"+919876500012\"}", "{'phone':'+919876500013'}"})
    void malformedJsonIs400InvalidRequest(String body) throws Exception {
        problem(start(body), 400, "invalid-request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"phone\":919876500014}", "{\"phone\":true}", "{\"phone\":[\"+919876500015\"]}",
            "{\"phone\":{\"e164\":\"+919876500016\"}}", "{\"phone\":\"+919876500017\",\"locale\":7}"})
    void wrongTypesAre400InvalidRequest(String body) throws Exception {
        problem(start(body), 400, "invalid-request").andExpect(jsonPath("$.detail").value(
                org.hamcrest.Matchers.containsString("wrong type")));
    }

    @Test
    void missingPhoneIs400InvalidRequest() throws Exception {
        problem(start("{}"), 400, "invalid-request")
                .andExpect(jsonPath("$.detail").value("field 'phone' is required"));
    }

    @Test
    void emptyBodyIs400InvalidRequest() throws Exception {
        problem(start(""), 400, "invalid-request");
    }

    @Test
    void unknownFieldIs400NamingTheField() throws Exception {
        problem(start("{\"phone\":\"+919876500018\",\"pin\":\"1234\"}"), 400, "invalid-request")
                .andExpect(jsonPath("$.detail").value("unknown field 'pin'"));
    }

    @Test
    void bodyOver4KiBIs413() throws Exception {
        String body = "{\"phone\":\"+919876500019\",\"locale\":\"" + "a".repeat(4100) + "\"}";
        problem(start(body), 413, "payload-too-large");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en_US", "english-language-tag-far-too-long", "e", "en--GB", "<script>", "en GB"})
    void invalidLocaleIs400(String locale) throws Exception {
        problem(start("{\"phone\":\"+919876500020\",\"locale\":\"" + locale + "\"}"), 400, "invalid-locale");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "1234567", "12a456", "\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16", " 123456", "１２３４５６", "-12345"})
    void codesThatAreNotSixDigitsAre400InvalidCode(String code) throws Exception {
        problem(verify("+919876500021", handle("+919876500021", FakeUserPool.SESSION), code), 400, "invalid-code");
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "has spaces in it and is long enough", "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void challengesThisServiceDidNotGiveOutAre400InvalidChallenge(String challenge) throws Exception {
        problem(verify("+919876500022", challenge, "123456"), 400, "invalid-challenge");
    }

    @Test
    void wrongCodeIs401WithANewChallengeAndAttemptsLeft() throws Exception {
        String phone = "+919876500023";
        String challenge = handle(phone, FakeUserPool.SESSION);

        String body = problem(verify(phone, challenge, "654321"), 401, "wrong-code")
                .andExpect(jsonPath("$.attemptsLeft").value(2))
                .andReturn().getResponse().getContentAsString();

        String next = JsonMapper.builder().build().readTree(body).path("challenge").asString();
        assertThat(next).isNotEqualTo(challenge);
        assertThat(handles.open(next, PhoneNumber.ofE164(phone))).isInstanceOfSatisfying(ChallengeHandles.Session.class,
                session -> assertThat(session.session()).isEqualTo(FakeUserPool.SESSION));
    }

    @Test
    void aChallengeIsAnsweredOnceThenItIsOverAndCounted() throws Exception {
        String phone = "+919876500037";
        String challenge = handle(phone, FakeUserPool.SESSION);
        problem(verify(phone, challenge, "654321"), 401, "wrong-code");

        problem(verify(phone, challenge, FakeUserPool.CODE), 401, "start-again");
        problem(verify(phone, challenge, FakeUserPool.CODE), 401, "start-again");

        problem(verify(phone, handle(phone, FakeUserPool.SESSION), FakeUserPool.CODE), 429, "rate-limited")
                .andExpect(jsonPath("$.limit").value("wrong_answers"));
    }

    @Test
    void aChallengeOfAnotherNumberIs400AndCountsNothing() throws Exception {
        String phone = "+919876500038";
        String stolen = handle("+919876500039", FakeUserPool.SESSION);
        for (int i = 0; i < 5; i++) {
            problem(verify(phone, stolen, "654321"), 400, "invalid-challenge");
        }

        verify(phone, handle(phone, FakeUserPool.SESSION), FakeUserPool.CODE).andExpect(status().isOk());
    }

    @Test
    void startTimesHaveExactlyThreeFractionDigits() throws Exception {
        start("{\"phone\":\"+919876500040\"}")
                .andExpect(jsonPath("$.expiresAt").value(org.hamcrest.Matchers.matchesPattern(MILLIS)))
                .andExpect(jsonPath("$.resendAfter").value(org.hamcrest.Matchers.matchesPattern(MILLIS)));
    }

    @Test
    void rightCodeIs200WithTokens() throws Exception {
        verify("+919876500024", handle("+919876500024", FakeUserPool.SESSION), FakeUserPool.CODE)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.idToken").isString())
                .andExpect(jsonPath("$.accessToken").value("access"))
                .andExpect(jsonPath("$.refreshToken").value(org.hamcrest.Matchers.startsWith("pg1.")))
                .andExpect(jsonPath("$.expiresIn").value(3600))
                .andExpect(jsonPath("$.tokenType").value("Bearer"));
    }

    @Test
    void endedChallengeIs401StartAgain() throws Exception {
        problem(verify("+919876500025", handle("+919876500025", "another-session-" + "y".repeat(30)), "123456"), 401,
                "start-again");
    }

    @Test
    void secondStartWithinTheCooldownIs429WithRetryAfter() throws Exception {
        String body = "{\"phone\":\"+919876500026\"}";
        start(body).andExpect(status().isAccepted());
        clock.advance(Duration.ofSeconds(10));

        problem(start(body), 429, "rate-limited")
                .andExpect(header().string("Retry-After", "20"))
                .andExpect(jsonPath("$.limit").value("phone_cooldown"));
    }

    @Test
    void startsBeyondTheHourlyCapAre429UntilTheOldestIsAnHourOld() throws Exception {
        String body = "{\"phone\":\"+919876500027\"}";
        for (int i = 0; i < 3; i++) {
            start(body).andExpect(status().isAccepted());
            clock.advance(Duration.ofMinutes(1));
        }

        problem(start(body), 429, "rate-limited")
                .andExpect(header().string("Retry-After", String.valueOf(Duration.ofMinutes(57).toSeconds())))
                .andExpect(jsonPath("$.limit").value("phone_hourly"));
    }

    @Test
    void requestsBeyondTheClientAddressRateAre429() throws Exception {
        RequestPostProcessor oneClient = request -> {
            request.setRemoteAddr("10.9.9.9");
            return request;
        };
        for (int i = 0; i < 5; i++) {
            mvc.perform(json(post("/v1/auth/start"), "{}").with(oneClient)).andExpect(status().isBadRequest());
        }

        problem(mvc.perform(json(post("/v1/auth/start"), "{}").with(oneClient)), 429, "rate-limited")
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.limit").value("client_ip"));
    }

    @Test
    void aNumberOutOfWrongAnswersIs429ForVerifyAndStartAlike() throws Exception {
        String phone = "+919876500035";
        for (int i = 0; i < 3; i++) {
            problem(verify(phone, handle(phone, FakeUserPool.SESSION), "654321"), 401, "wrong-code");
        }

        problem(verify(phone, handle(phone, FakeUserPool.SESSION), FakeUserPool.CODE), 429, "rate-limited")
                .andExpect(header().string("Retry-After", String.valueOf(Duration.ofHours(24).toSeconds())))
                .andExpect(jsonPath("$.limit").value("wrong_answers"));
        problem(start("{\"phone\":\"" + phone + "\"}"), 429, "rate-limited")
                .andExpect(jsonPath("$.limit").value("wrong_answers"));
    }

    @Test
    void rightCodesAndAnswersCognitoCouldNotJudgeDoNotCountAsWrong() throws Exception {
        String phone = "+919876500036";
        for (int i = 0; i < 3; i++) {
            verify(phone, handle(phone, FakeUserPool.SESSION), FakeUserPool.CODE).andExpect(status().isOk());
            userPool.failNextCallWith(new CognitoUnavailableException("connection refused", null));
            problem(verify(phone, handle(phone, FakeUserPool.SESSION), "654321"), 503, "unavailable");
        }

        problem(verify(phone, handle(phone, FakeUserPool.SESSION), "654321"), 401, "wrong-code");
    }

    @Test
    void cognitoThrottlingIs503WithRetryAfter() throws Exception {
        userPool.failNextCallsWith(2, new CognitoThrottledException("TooManyRequestsException", null));

        problem(start("{\"phone\":\"+919876500028\"}"), 503, "busy").andExpect(header().exists("Retry-After"));
    }

    @Test
    void cognitoUnreachableIs503WithRetryAfter() throws Exception {
        userPool.failNextCallWith(new CognitoUnavailableException("connection refused", null));

        problem(start("{\"phone\":\"+919876500029\"}"), 503, "unavailable").andExpect(header().exists("Retry-After"));
    }

    @Test
    void aCognitoAnswerTheFlowDidNotExpectIs503NotA500() throws Exception {
        userPool.failNextCallsWith(2, new UserExistsException());

        problem(start("{\"phone\":\"+919876500034\"}"), 503, "unavailable").andExpect(header().exists("Retry-After"));
    }

    @Test
    void kafkaNotAcknowledgingIs503AndDoesNotCountTowardsTheCooldown() throws Exception {
        String body = "{\"phone\":\"+919876500030\"}";
        events.failNextPublish();

        problem(start(body), 503, "unavailable").andExpect(header().exists("Retry-After"));
        start(body).andExpect(status().isAccepted());
    }

    @Test
    void unknownPathIs404Problem() throws Exception {
        problem(mvc.perform(get("/v1/nothing").with(freshClient())), 404, "not-found");
    }

    @Test
    void wrongMethodIs405Problem() throws Exception {
        problem(mvc.perform(get("/v1/auth/start").with(freshClient())), 405, "method-not-allowed");
    }

    @Test
    void wrongMediaTypeIs415Problem() throws Exception {
        problem(mvc.perform(post("/v1/auth/start").contentType(MediaType.TEXT_PLAIN).content("+919876500031")
                .with(freshClient())), 415, "unsupported-media-type");
    }

    @Test
    void unacceptableResponseTypeIs406() throws Exception {
        perform(json(post("/v1/auth/start"), "{\"phone\":\"+919876500032\"}").accept(MediaType.TEXT_HTML)
                .with(freshClient())).andExpect(status().isNotAcceptable());
    }

    @Test
    void malformedRefreshTokenIs401InvalidRefreshToken() throws Exception {
        problem(mvc.perform(json(post("/v1/auth/refresh"), "{\"refreshToken\":\"not-a-token\"}").with(freshClient())),
                401, "invalid-refresh-token");
    }

    private ResultActions start(String body) throws Exception {
        return perform(json(post("/v1/auth/start"), body).with(freshClient()));
    }

    private ResultActions verify(String phone, String challenge, String code) throws Exception {
        return perform(json(post("/v1/auth/verify"),
                "{\"phone\":\"" + phone + "\",\"challenge\":\"" + challenge + "\",\"code\":\"" + code + "\"}")
                .with(freshClient()));
    }

    /** Starts and wrong answers are answered asynchronously (at their floor): wait for the answer as a client does. */
    private ResultActions perform(MockHttpServletRequestBuilder request) throws Exception {
        ResultActions first = mvc.perform(request);
        MvcResult result = first.andReturn();
        return result.getRequest().isAsyncStarted() ? mvc.perform(asyncDispatch(result)) : first;
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static RequestPostProcessor freshClient() {
        int n = CLIENTS.incrementAndGet();
        return request -> {
            request.setRemoteAddr("192.0.2." + (n % 250) + "." + n);
            return request;
        };
    }

    /** A handle for the stand-in's session, sealed for {@code phone} as the gateway seals them. */
    private String handle(String phone, String session) {
        Instant now = clock.instant();
        return handles.forSession(PhoneNumber.ofE164(phone), session,
                new Tracking("AbCdEfGhIjKlMnOpQrStUv", now, now.plusSeconds(180), null));
    }

    private static ResultActions problem(ResultActions result, int status, String type) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEMS + type))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.title").isString())
                .andExpect(jsonPath("$.detail").isString());
    }
}
