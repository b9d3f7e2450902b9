package io.phonegate.gateway.botcheck;

import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.Topics;
import io.phonegate.devstack.siteverify.Provider;
import io.phonegate.devstack.siteverify.SiteverifyEmulator;
import io.phonegate.devstack.siteverify.SiteverifyFaults;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole gateway with the bot check on (Turnstile's siteverify, answered by the devstack's stand-in over
 * real HTTP, with Turnstile's test keys), for new numbers: a start without a token or with a failing one is
 * {@code 422 bot-check-failed} before any Cognito call; a passing token lets it through; a number that logged
 * in needs none; while the provider is down new numbers get {@code 503} and known ones go on. A second
 * gateway asks every start, in one country only.
 */
@RealKafka
@RealRedis
class BotCheckTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String[] OPEN_LIMITS = {
            "phonegate.gateway.limits.resend-cooldown=0s",
            "phonegate.gateway.limits.phone-hourly-cap=1000",
            "phonegate.gateway.limits.phone-daily-cap=1000",
            "phonegate.gateway.limits.client-ip-requests-per-minute=1000000"};

    private static SiteverifyEmulator siteverify;
    private static GatewayInstance newNumbers;
    private static GatewayInstance everyStartInUs;
    private TopicReader otps;

    @BeforeAll
    static void start() {
        siteverify = SiteverifyEmulator.start(0);
        newNumbers = GatewayInstance.start(settings("new-numbers", ""));
        everyStartInUs = GatewayInstance.start(settings("all", "US"));
    }

    private static String[] settings(String appliesTo, String countries) {
        return concat(OPEN_LIMITS,
                "phonegate.bot-check.provider=turnstile",
                "phonegate.bot-check.site-key=" + Provider.TURNSTILE.testSiteKey(),
                "phonegate.bot-check.secret=" + Provider.TURNSTILE.testSecret(),
                "phonegate.bot-check.verify-url=" + siteverify.verifyUrl(Provider.TURNSTILE),
                "phonegate.bot-check.script-url=" + siteverify.scriptUrl(Provider.TURNSTILE),
                "phonegate.bot-check.timeout=1s",
                "phonegate.bot-check.applies-to=" + appliesTo,
                "phonegate.bot-check.countries=" + countries);
    }

    @AfterAll
    static void stop() {
        newNumbers.close();
        everyStartInUs.close();
        siteverify.close();
    }

    @BeforeEach
    void readCodes() {
        otps = TopicReader.open(RealKafkaExtension.bootstrapServers(), Topics.OTP_REQUESTED);
    }

    @AfterEach
    void clearFaults() {
        siteverify.setFaults(SiteverifyFaults.NONE);
        otps.close();
    }

    @Test
    void aNewNumberWithoutATokenOrWithAFailingOneIsRefusedBeforeAnyCognitoCall() {
        String phone = Phones.fresh();
        long cognitoBefore = EmulatedCognito.totalCalls();
        long verifiesBefore = siteverify.calls(Provider.TURNSTILE);

        Answer missing = start(newNumbers.http(), phone, null);
        Answer failing = start(newNumbers.http(), phone, "fail." + UUID.randomUUID());

        for (Answer refused : new Answer[] {missing, failing}) {
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.text("type")).isEqualTo("https://phonegate.io/problems/bot-check-failed");
        }
        assertThat(missing.text("detail")).contains("botToken");
        assertThat(failing.text("detail")).contains("invalid-input-response");
        assertThat(EmulatedCognito.totalCalls()).as("Cognito calls").isEqualTo(cognitoBefore);
        assertThat(siteverify.calls(Provider.TURNSTILE)).as("siteverify asked for the failing token only")
                .isEqualTo(verifiesBefore + 1);
        assertThat(otps.recordsAfter(Duration.ofMillis(500)).stream().map(TopicReader::decode)
                .filter(OtpRequested.class::isInstance).map(e -> ((OtpRequested) e).phone().e164()))
                .doesNotContain(phone);
        String metrics = newNumbers.management().get("/actuator/prometheus").body();
        assertThat(counter(metrics, "phonegate_bot_checks_total", "missing")).isPositive();
        assertThat(counter(metrics, "phonegate_bot_checks_total", "failed")).isPositive();
    }

    @Test
    void aPassingTokenLetsTheStartThroughOnceAndTheSiteverifyCallIsTheProvidersOwn() {
        String phone = Phones.fresh();
        String token = "pass." + UUID.randomUUID();

        assertThat(start(newNumbers.http(), phone, token).status()).isEqualTo(202);
        otps.awaitEvent(OtpRequested.class, e -> e.phone().e164().equals(phone), WAIT);
        assertThat(siteverify.lastRequest()).containsEntry("secret", Provider.TURNSTILE.testSecret())
                .containsEntry("response", token);

        Answer replayed = start(newNumbers.http(), Phones.fresh(), token);
        assertThat(replayed.status()).isEqualTo(422);
        assertThat(replayed.text("detail")).contains("timeout-or-duplicate");
    }

    @Test
    void aNumberThatLoggedInNeedsNoTokenWhereOnlyNewNumbersAreChecked() {
        String phone = Phones.fresh();
        Answer started = start(newNumbers.http(), phone, "pass." + UUID.randomUUID());
        OtpRequested otp = otps.awaitEvent(OtpRequested.class, e -> e.phone().e164().equals(phone), WAIT);
        Answer verified = newNumbers.http().postJson("/v1/auth/verify", GatewayHttp.json(Map.of("phone", phone,
                "challenge", started.text("challenge"), "code", EmulatedCognito.SEAL.unseal(otp.sealedCode(), phone))));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        long verifiesBefore = siteverify.calls(Provider.TURNSTILE);

        assertThat(start(newNumbers.http(), phone, null).status()).isEqualTo(202);
        assertThat(siteverify.calls(Provider.TURNSTILE)).isEqualTo(verifiesBefore);

        siteverify.setFaults(new SiteverifyFaults(true, 0));
        Answer newWhileDown = start(newNumbers.http(), Phones.fresh(), "pass." + UUID.randomUUID());
        assertThat(newWhileDown.status()).isEqualTo(503);
        assertThat(newWhileDown.text("type")).isEqualTo("https://phonegate.io/problems/unavailable");
        assertThat(newWhileDown.retryAfter()).isEqualTo("5");
        assertThat(counter(newNumbers.management().get("/actuator/prometheus").body(), "phonegate_bot_checks_total",
                "unavailable_refused")).isPositive();
    }

    @Test
    void whereEveryStartIsCheckedAKnownNumberGoesOnWhileTheProviderIsDownAndOtherCountriesAreNotChecked() {
        String us = Phones.freshUs();
        Answer started = start(everyStartInUs.http(), us, "pass." + UUID.randomUUID());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        OtpRequested otp = otps.awaitEvent(OtpRequested.class, e -> e.phone().e164().equals(us), WAIT);
        assertThat(everyStartInUs.http().postJson("/v1/auth/verify", GatewayHttp.json(Map.of("phone", us,
                "challenge", started.text("challenge"), "code", EmulatedCognito.SEAL.unseal(otp.sealedCode(), us))))
                .status()).isEqualTo(200);

        assertThat(start(everyStartInUs.http(), us, null).status()).as("a known number is checked too").isEqualTo(422);
        siteverify.setFaults(new SiteverifyFaults(false, 3000));
        assertThat(start(everyStartInUs.http(), us, "pass." + UUID.randomUUID()).status())
                .as("a known number while siteverify times out").isEqualTo(202);
        assertThat(start(everyStartInUs.http(), Phones.fresh(), null).status()).as("an Indian number").isEqualTo(202);
        assertThat(counter(everyStartInUs.management().get("/actuator/prometheus").body(), "phonegate_bot_checks_total",
                "unavailable_allowed")).isPositive();
    }

    @Test
    void clientsLearnTheProviderSiteKeyAndWidgetScript() {
        Answer config = newNumbers.http().get("/v1/auth/bot-check");

        assertThat(config.status()).isEqualTo(200);
        assertThat(config.text("provider")).isEqualTo("turnstile");
        assertThat(config.text("siteKey")).isEqualTo(Provider.TURNSTILE.testSiteKey());
        assertThat(config.text("scriptUrl")).isEqualTo(siteverify.scriptUrl(Provider.TURNSTILE).toString());
        assertThat(config.text("widget")).isEqualTo("turnstile");
        assertThat(config.text("appliesTo")).isEqualTo("new-numbers");
        String widgetOrigin = siteverify.endpoint().toString().replaceAll("/$", "");
        String pagePolicy = newNumbers.http().get("/").header("Content-Security-Policy");
        assertThat(pagePolicy).as("the page may load and frame the widget")
                .contains("script-src 'self' https://challenges.cloudflare.com " + widgetOrigin)
                .contains("frame-src 'self' https://challenges.cloudflare.com");
        assertThat(newNumbers.http().get("/v1/auth/bot-check").header("Content-Security-Policy"))
                .as("the API's answers still may load nothing").doesNotContain("cloudflare");
    }

    private static Answer start(GatewayHttp http, String phone, String token) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("phone", phone);
        if (token != null) {
            body.put("botToken", token);
        }
        return http.postJson("/v1/auth/start", GatewayHttp.json(body));
    }

    private static double counter(String metrics, String name, String outcome) {
        Matcher matcher = Pattern.compile(name + "\\{[^}]*outcome=\"" + outcome + "\"[^}]*} ([0-9.eE+]+)").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
