package io.phonegate.gateway.cognito;

import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.SignupRequestedV2;
import io.phonegate.devstack.cognito.CognitoFaults;
import io.phonegate.gateway.config.GatewayProperties;
import io.phonegate.gateway.support.EmulatedCognito;
import io.phonegate.gateway.support.GatewayHttp;
import io.phonegate.gateway.support.GatewayHttp.Answer;
import io.phonegate.gateway.support.StartEventsIntegrationTest;
import io.phonegate.gateway.support.Phones;
import io.phonegate.testsupport.kafka.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Cognito throttled, failing, slow and down, as the emulator's fault switches answer on the wire:
 * every start is answered {@code 202} or a fast {@code 503} with {@code Retry-After}, every {@code 202}
 * has its {@code OtpRequested} on Kafka, no user exists that no {@code SignupRequestedV2} announced,
 * and the gateway recovers without a restart. "Fast" is each request's own time, bounded by the
 * gateway's Cognito call timeout (retries included) plus the time the rest of a start may take.
 */
class CognitoOutageTest extends StartEventsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Beyond the call timeout: the other calls of a start, Kafka's acknowledgement, a loaded machine. */
    private static final Duration SLACK = Duration.ofSeconds(2);

    @Autowired
    GatewayProperties properties;

    @Test
    void cognitoDownGivesFast503sCreatesNobodyAndRecoversWithoutARestart() {
        EmulatedCognito.emulator().setFaults(CognitoFaults.outage());
        List<String> phones = freshPhones(5);

        for (String phone : phones) {
            Timed answer = timedStart(phone);
            assertUnavailableFast(answer, "unavailable");
        }

        EmulatedCognito.emulator().setFaults(CognitoFaults.NONE);
        assertThat(phones).noneMatch(CognitoOutageTest::exists);
        assertThat(start(Phones.fresh()).status()).as("back without a restart").isEqualTo(202);
    }

    @Test
    void cognitoThrottlingEveryCallGivesFast503BusyWithRetryAfter() {
        EmulatedCognito.emulator().setFaults(CognitoFaults.throttling(1.0));

        Timed answer = timedStart(Phones.fresh());

        assertUnavailableFast(answer, "busy");
    }

    @Test
    void cognitoInternalErrorsGiveFast503s() {
        EmulatedCognito.emulator().setFaults(CognitoFaults.errors(1.0));

        Timed answer = timedStart(Phones.fresh());

        assertUnavailableFast(answer, "unavailable");
    }

    @Test
    void cognitoSlowerThanTheCallTimeoutGivesA503AtTheTimeoutAndTheUserMadeMeanwhileWasAnnounced() {
        String phone = Phones.fresh();
        long latency = properties.cognito().callTimeout().plusSeconds(1).toMillis();
        EmulatedCognito.emulator().setFaults(CognitoFaults.latency(latency).onlyFor("AdminCreateUser"));

        Timed answer = timedStart(phone);

        assertUnavailableFast(answer, "unavailable");
        EmulatedCognito.emulator().setFaults(CognitoFaults.NONE);
        assertThat(exists(phone)).as("Cognito made the user after the gateway gave up").isTrue();
        announcements.awaitEvent(SignupRequestedV2.class, e -> e.username().equals(phone), WAIT);
        assertThat(start(phone).status()).as("the next start carries on with that user").isEqualTo(202);
    }

    @Test
    void underRandomThrottlingAndErrorsNothingIsLostAndNoUserIsUnannounced() throws Exception {
        EmulatedCognito.emulator().setFaults(CognitoFaults.throttling(0.3).withErrorRate(0.1));
        List<String> phones = freshPhones(30);
        List<String> accepted = new ArrayList<>();

        // A few clients at once, as real ones come: each start waits out its retries, the others go on meanwhile.
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            List<Future<Timed>> answers = phones.stream().map(phone -> clients.submit(() -> timedStart(phone))).toList();
            for (int i = 0; i < phones.size(); i++) {
                Timed answer = answers.get(i).get();
                assertThat(answer.answer().status()).isIn(202, 503);
                if (answer.answer().status() == 202) {
                    accepted.add(phones.get(i));
                } else {
                    assertUnavailableFast(answer, answer.answer().text("type").endsWith("busy") ? "busy" : "unavailable");
                }
            }
        } finally {
            clients.shutdownNow();
        }
        EmulatedCognito.emulator().setFaults(CognitoFaults.NONE);

        assertThat(accepted).as("some got through").isNotEmpty();
        Set<String> withCode = otps.awaitEvents(OtpRequested.class, e -> accepted.contains(e.phone().e164()),
                accepted.size(), WAIT).stream().map(e -> e.phone().e164()).collect(Collectors.toSet());
        assertThat(withCode).as("every 202 had its OtpRequested on Kafka").containsAll(accepted);
        Set<String> announced = announcements.recordsToEnd(WAIT).stream().map(TopicReader::decode)
                .filter(SignupRequestedV2.class::isInstance).map(e -> ((SignupRequestedV2) e).username())
                .collect(Collectors.toSet());
        assertThat(phones.stream().filter(CognitoOutageTest::exists))
                .as("every user made during the faults was announced first").allMatch(announced::contains);
    }

    private void assertUnavailableFast(Timed timed, String problem) {
        assertThat(timed.answer().status()).isEqualTo(503);
        assertThat(timed.answer().text("type")).isEqualTo("https://phonegate.io/problems/" + problem);
        assertThat(timed.answer().retryAfter()).isNotNull();
        assertThat(timed.took()).as("this request's own time").isLessThanOrEqualTo(
                properties.cognito().callTimeout().plus(SLACK));
    }

    private Timed timedStart(String phone) {
        long started = System.nanoTime();
        Answer answer = start(phone);
        return new Timed(answer, Duration.ofNanos(System.nanoTime() - started));
    }

    private Answer start(String phone) {
        return http.postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", phone)));
    }

    private static List<String> freshPhones(int count) {
        return IntStream.range(0, count).mapToObj(i -> Phones.fresh()).toList();
    }

    private static boolean exists(String phone) {
        return catchThrowableOfType(UserNotFoundException.class, () -> EmulatedCognito.user(phone)) == null;
    }

    private record Timed(Answer answer, Duration took) {
    }
}
