package io.phonegate.gateway.testnumbers;

import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.Topics;
import io.phonegate.gateway.support.EmulatedPool;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Test numbers on a pool whose Create trigger has the same list as the gateway: a test number logs in with
 * its fixed code and no {@code OtpRequested} is ever published for it (so no SMS can go out), its status
 * turns to sent like anyone's, and its starts are counted apart. A gateway without the list still never
 * texts the trigger's fixed code, and counts the disagreement.
 */
@RealKafka
@RealRedis
class TestNumbersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PREFIX = "+91999990";
    private static final String CODE = "424242";
    private static final String ENTRIES = PREFIX + "*:" + CODE;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static EmulatedPool pool;
    private static GatewayInstance listing;
    private static GatewayInstance notListing;
    private TopicReader otps;

    @BeforeAll
    static void start() {
        pool = EmulatedPool.start(settings -> settings.withTestNumbers(ENTRIES));
        String[] limits = {"phonegate.gateway.limits.resend-cooldown=0s",
                "phonegate.gateway.limits.client-ip-requests-per-minute=1000000"};
        listing = GatewayInstance.startOn(pool, concat(limits, "phonegate.test-numbers.entries=" + ENTRIES));
        notListing = GatewayInstance.startOn(pool, limits);
    }

    @AfterAll
    static void stop() {
        listing.close();
        notListing.close();
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
    void aTestNumberLogsInWithItsFixedCodeAndIsNeverTexted() {
        String phone = testNumber();
        GatewayHttp http = listing.http();

        Answer started = http.postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", phone)));
        assertThat(started.status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> http.get(status(started)).text("status").equals("sent"));
        Answer tokens = http.postJson("/v1/auth/verify", GatewayHttp.json(Map.of("phone", phone,
                "challenge", started.text("challenge"), "code", CODE)));

        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(claims(tokens.text("idToken")).path("phone_number").asString()).isEqualTo(phone);
        assertNeverTexted(http, phone);
        assertThat(counter(listing, "agree")).isPositive();
    }

    @Test
    void aWrongCodeIsAsWrongForATestNumber() {
        String phone = testNumber();
        Answer started = listing.http().postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", phone)));

        Answer wrong = listing.http().postJson("/v1/auth/verify", GatewayHttp.json(Map.of("phone", phone,
                "challenge", started.text("challenge"), "code", "000000")));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text("type")).isEqualTo("https://phonegate.io/problems/wrong-code");
    }

    @Test
    void aGatewayWithoutTheListNeverTextsTheTriggersFixedCodeAndCountsTheDisagreement() {
        String phone = testNumber();
        GatewayHttp http = notListing.http();

        Answer started = http.postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", phone)));
        Answer tokens = http.postJson("/v1/auth/verify", GatewayHttp.json(Map.of("phone", phone,
                "challenge", started.text("challenge"), "code", CODE)));

        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertNeverTexted(http, phone);
        assertThat(counter(notListing, "disagree")).isPositive();
    }

    /** No OtpRequested for {@code phone}, read up to a probe: a real number's request published after its start. */
    private void assertNeverTexted(GatewayHttp http, String phone) {
        String probe = Phones.fresh();
        assertThat(http.postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", probe))).status()).isEqualTo(202);
        otps.awaitEvent(OtpRequested.class, e -> e.phone().e164().equals(probe), WAIT);
        assertThat(otps.recordsToEnd(WAIT).stream().map(TopicReader::decode).filter(OtpRequested.class::isInstance)
                .map(e -> ((OtpRequested) e).phone().e164())).doesNotContain(phone);
    }

    private static String testNumber() {
        return PREFIX + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
    }

    private static String status(Answer started) {
        return "/v1/auth/challenges/" + started.text("challenge") + "/status";
    }

    private static JsonNode claims(String jwt) {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static double counter(GatewayInstance gateway, String settings) {
        Matcher matcher = Pattern.compile("phonegate_test_number_starts_total\\{[^}]*settings=\"" + settings
                + "\"[^}]*} ([0-9.eE+]+)").matcher(gateway.management().get("/actuator/prometheus").body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
