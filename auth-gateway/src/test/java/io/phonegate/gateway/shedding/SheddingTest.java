package io.phonegate.gateway.shedding;

import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.PhonegateEvent;
import io.phonegate.common.event.SignupRequestedV2;
import io.phonegate.devstack.cognito.CognitoFaults;
import io.phonegate.gateway.support.EmulatedCognito;
import io.phonegate.gateway.support.GatewayHttp;
import io.phonegate.gateway.support.GatewayHttp.Answer;
import io.phonegate.gateway.support.StartEventsIntegrationTest;
import io.phonegate.gateway.support.Phones;
import io.phonegate.gateway.support.TestRedis;
import io.phonegate.testsupport.kafka.TopicReader;
import io.phonegate.testsupport.redis.RealRedisExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Shedding on the whole gateway (Cognito emulator, real Kafka and Redis): requests beyond the bound on
 * requests in progress are answered {@code 503 busy} at once and reach neither Cognito nor Kafka; a start
 * whose deadline passed while Cognito was slow publishes nothing more (no code; no announcement, so no user,
 * where it was not announced yet) and is answered {@code 503 busy}. Cognito is made slow with the emulator's latency switch; the
 * call timeout is raised above that latency so what is tested is the gateway's own deadline.
 */
@TestPropertySource(properties = {
        "phonegate.gateway.shedding.max-in-progress=2",
        "phonegate.gateway.shedding.request-deadline=3s",
        "phonegate.gateway.cognito.call-timeout=6s",
        "phonegate.gateway.pacing.start-floor=0s"})
class SheddingTest extends StartEventsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String BUSY = "https://phonegate.io/problems/busy";
    /** Longer than the time it takes to send the other requests, on a loaded machine. */
    private static final long SLOW_CREATE_MS = 2_500;

    @Test
    void startsBeyondTheRequestsInProgressAreAnswered503BusyAtOnceAndReachNeitherCognitoNorKafka() {
        assertThat(start(Phones.fresh()).status()).as("warm").isEqualTo(202);
        double shedBefore = shed("in_progress");
        EmulatedCognito.emulator().setFaults(CognitoFaults.latency(SLOW_CREATE_MS).onlyFor("AdminCreateUser"));
        List<String> phones = IntStream.range(0, 8).mapToObj(i -> Phones.fresh()).toList();

        List<Timed> answers;
        ExecutorService callers = Executors.newFixedThreadPool(phones.size());
        try {
            List<CompletableFuture<Timed>> sent = phones.stream()
                    .map(phone -> CompletableFuture.supplyAsync(() -> timedStart(phone), callers)).toList();
            answers = sent.stream().map(CompletableFuture::join).toList();
        } finally {
            callers.shutdownNow();
        }

        List<Timed> accepted = answers.stream().filter(a -> a.answer().status() == 202).toList();
        List<Timed> shed = answers.stream().filter(a -> a.answer().status() == 503).toList();
        assertThat(accepted).as("as many as may be in progress").hasSize(2);
        assertThat(shed).hasSize(6);
        for (Timed busy : shed) {
            assertThat(busy.answer().contentType()).startsWith("application/problem+json");
            assertThat(busy.answer().text("type")).isEqualTo(BUSY);
            assertThat(busy.answer().retryAfter()).isEqualTo("1");
            // The same problem MVC writes for every other answer, though this one is written without it.
            assertThat(busy.answer().json().propertyNames()).containsExactlyInAnyOrder(
                    "type", "title", "status", "detail", "instance");
            assertThat(busy.answer().json().path("status").asInt()).isEqualTo(503);
            assertThat(busy.answer().text("title")).isEqualTo("The service is busy");
            assertThat(busy.answer().text("instance")).isEqualTo("/v1/auth/start");
            assertThat(busy.took()).as("refused at once, not after waiting for a slot")
                    .isLessThan(Duration.ofMillis(SLOW_CREATE_MS));
        }
        List<String> acceptedPhones = accepted.stream().map(Timed::phone).toList();
        List<String> shedPhones = shed.stream().map(Timed::phone).toList();
        assertThat(otps.awaitEvents(OtpRequested.class, e -> acceptedPhones.contains(e.phone().e164()), 2, WAIT))
                .hasSize(2);
        assertThat(events(otps)).noneMatch(e -> e instanceof OtpRequested otp && shedPhones.contains(otp.phone().e164()));
        assertThat(events(announcements)).noneMatch(e -> e instanceof SignupRequestedV2 a && shedPhones.contains(a.username()));
        assertThat(shedPhones).noneMatch(SheddingTest::exists);
        assertThat(shed("in_progress") - shedBefore).isEqualTo(6);
        assertThat(start(Phones.fresh()).status()).as("slots given back").isEqualTo(202);
    }

    /** Under overload most requests are refused: a refusal while every slot is taken asks the store nothing. */
    @Test
    void startsRefusedWhileEverySlotIsTakenMakeNoStoreCall() {
        assertThat(start(Phones.fresh()).status()).as("warm").isEqualTo(202);
        EmulatedCognito.emulator().setFaults(CognitoFaults.latency(SLOW_CREATE_MS).onlyFor("AdminCreateUser"));
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (TestRedis redis = TestRedis.on(RealRedisExtension.server())) {
            List<CompletableFuture<Answer>> slow = IntStream.range(0, 2)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> start(Phones.fresh()), callers)).toList();
            Awaitility.await().atMost(WAIT).until(() -> inProgress() == 2);
            long scriptsBefore = redis.scriptCalls();

            List<Answer> refused = IntStream.range(0, 5).mapToObj(i -> start(Phones.fresh())).toList();

            long scripts = redis.scriptCalls() - scriptsBefore;
            assertThat(inProgress()).as("the slow starts still held every slot").isEqualTo(2);
            assertThat(refused).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(503));
            assertThat(scripts).as("no per-address limit, no admission").isZero();
            assertThat(slow).allSatisfy(answer -> assertThat(answer.join().status()).isEqualTo(202));
        } finally {
            EmulatedCognito.emulator().setFaults(CognitoFaults.NONE);
            callers.shutdownNow();
        }
    }

    /** A new number is announced before any Cognito call; a deadline passing in Cognito after that sends no code. */
    @Test
    void aNewNumberWhoseDeadlinePassedInCognitoGetsNoCodeAndNoUnannouncedUser() {
        String phone = Phones.fresh();
        double before = shed("deadline");
        EmulatedCognito.emulator().setFaults(CognitoFaults.latency(3_500).onlyFor("AdminInitiateAuth"));

        Answer answer = start(phone);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.text("type")).isEqualTo(BUSY);
        assertThat(answer.retryAfter()).isEqualTo("1");
        EmulatedCognito.emulator().setFaults(CognitoFaults.NONE);
        assertThat(events(otps)).noneMatch(e -> e instanceof OtpRequested otp && otp.phone().e164().equals(phone));
        assertThat(exists(phone)).isTrue();
        assertThat(events(announcements)).as("the user exists, announced before it was created")
                .anyMatch(e -> e instanceof SignupRequestedV2 a && a.username().equals(phone));
        assertThat(shed("deadline") - before).isEqualTo(1);
        assertThat(start(phone).status()).as("the number's slot was given back").isEqualTo(202);
    }

    /**
     * A number that logged in before is started as a known one: when its user is gone and the deadline passed
     * in Cognito meanwhile, it is neither announced nor created.
     */
    @Test
    void aNumberThatLoggedInWhoseUserIsGoneAndWhoseDeadlinePassedInCognitoIsNotAnnouncedNorCreated() {
        String phone = Phones.fresh();
        Answer signedUp = start(phone);
        assertThat(signedUp.status()).isEqualTo(202);
        OtpRequested first = otps.awaitEvent(OtpRequested.class, e -> e.phone().e164().equals(phone), WAIT);
        assertThat(http.postJson("/v1/auth/verify", GatewayHttp.json(Map.of("phone", phone, "challenge",
                signedUp.text("challenge"), "code", EmulatedCognito.SEAL.unseal(first.sealedCode(), phone)))).status())
                .as("logged in: the store knows the number").isEqualTo(200);
        EmulatedCognito.admin().adminDeleteUser(r -> r.userPoolId(EmulatedCognito.emulator().userPoolId()).username(phone));
        long announcedBefore = events(announcements).stream()
                .filter(e -> e instanceof SignupRequestedV2 a && a.username().equals(phone)).count();
        double before = shed("deadline");
        EmulatedCognito.emulator().setFaults(CognitoFaults.latency(3_500).onlyFor("AdminInitiateAuth"));

        Answer answer = start(phone);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.text("type")).isEqualTo(BUSY);
        EmulatedCognito.emulator().setFaults(CognitoFaults.NONE);
        assertThat(events(announcements).stream().filter(e -> e instanceof SignupRequestedV2 a && a.username().equals(phone)))
                .as("not announced again").hasSize((int) announcedBefore);
        assertThat(exists(phone)).as("no Cognito write without its announcement").isFalse();
        assertThat(shed("deadline") - before).isEqualTo(1);
    }

    @Test
    void aKnownNumberWhoseDeadlinePassedInCognitoGetsNoCode() {
        String phone = Phones.fresh();
        assertThat(start(phone).status()).isEqualTo(202);
        otps.awaitEvent(OtpRequested.class, e -> e.phone().e164().equals(phone), WAIT);
        EmulatedCognito.emulator().setFaults(CognitoFaults.latency(3_500).onlyFor("AdminInitiateAuth"));

        Answer answer = start(phone);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.text("type")).isEqualTo(BUSY);
        EmulatedCognito.emulator().setFaults(CognitoFaults.NONE);
        assertThat(events(otps).stream().filter(e -> e instanceof OtpRequested otp && otp.phone().e164().equals(phone)))
                .as("only the first start's code").hasSize(1);
    }

    private double shed(String reason) {
        String metrics = management().get("/actuator/prometheus").body();
        Matcher value = Pattern.compile("^phonegate_gateway_shed_total\\{[^}]*reason=\"" + reason + "\"[^}]*} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        assertThat(value.find()).as("phonegate_gateway_shed_total{reason=%s} is exposed", reason).isTrue();
        return Double.parseDouble(value.group(1));
    }

    private double inProgress() {
        Matcher value = Pattern.compile("^phonegate_gateway_requests_in_progress\\{[^}]*} (\\S+)$", Pattern.MULTILINE)
                .matcher(management().get("/actuator/prometheus").body());
        return value.find() ? Double.parseDouble(value.group(1)) : -1;
    }

    private static List<PhonegateEvent> events(TopicReader reader) {
        return reader.recordsToEnd(WAIT).stream().map(TopicReader::decode).toList();
    }

    private Timed timedStart(String phone) {
        long began = System.nanoTime();
        Answer answer = start(phone);
        return new Timed(phone, answer, Duration.ofNanos(System.nanoTime() - began));
    }

    private Answer start(String phone) {
        return http.postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", phone)));
    }

    private static boolean exists(String phone) {
        return catchThrowableOfType(UserNotFoundException.class, () -> EmulatedCognito.user(phone)) == null;
    }

    private record Timed(String phone, Answer answer, Duration took) {
    }
}
