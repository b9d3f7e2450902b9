package io.phonegate.devstack.local;

import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.devstack.siteverify.Provider;
import io.phonegate.devstack.siteverify.SiteverifyEmulator;
import io.phonegate.devstack.sns.Faults;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15 on the whole stack (real dispatcher, SNS emulator, Cognito emulator with the triggers, the
 * siteverify stand-in): the delivery status of a challenge started on one gateway, asked of another
 * replica; a test number that logs in with its fixed code and is never texted; the bot check before a
 * US number's first code (the shared stack checks US numbers with Turnstile's stand-in).
 */
@Order(1)
@ExtendWith(SharedLocalStack.class)
class ClientStatusEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Operations only a start makes: a start refused before them made no Cognito call. */
    private static final List<String> START_OPERATIONS = List.of("AdminInitiateAuth", "SignUp", "AdminCreateUser",
            "AdminRespondToAuthChallenge");

    private final LocalStack stack;
    private final Phonegate client;
    /** Another replica than the one the client starts on (the stack runs three gateways). */
    private final ServiceProcess secondGateway;

    ClientStatusEndToEndTest(LocalStack stack) {
        this.stack = stack;
        this.client = new Phonegate(stack);
        this.secondGateway = stack.gateways().get(1);
    }

    @Test
    void anotherReplicaSeesSentForANumberSnsTakesAndFailedForOneItRejects() {
        String taken = Phonegate.newPhoneNumber();
        String rejected = Phonegate.newPhoneNumber();
        Faults before = stack.sns().faults();
        stack.sns().setFaults(Faults.rejecting(rejected));
        try {
            String takenChallenge = challenge(client.start(taken));
            String rejectedChallenge = challenge(client.start(rejected));

            JsonNode sent = awaitStatusOnSecond(takenChallenge, "sent");
            JsonNode failed = awaitStatusOnSecond(rejectedChallenge, "failed");

            assertThat(sent.has("reason")).isFalse();
            assertThat(failed.get("reason").asString()).isEqualTo("cannot_receive_sms");
            assertThat(failed.get("detail").asString()).contains("cannot receive text messages");
            assertThat(stack.sns().inbox(taken)).hasSize(1);
            assertThat(stack.sns().inbox(rejected)).isEmpty();
        } finally {
            stack.sns().setFaults(before);
        }
    }

    @Test
    void aTestNumberLogsInWithItsFixedCodeAndNoSmsIsSent() {
        String phone = SharedLocalStack.TEST_NUMBER_PREFIX + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
        long publishesBefore = stack.sns().publishCalls();

        String challenge = challenge(client.start(phone));
        awaitStatusOnSecond(challenge, "sent");
        Phonegate.Response verified = client.verify(phone, challenge, SharedLocalStack.TEST_NUMBER_CODE);

        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(Phonegate.claims(verified.json().get("idToken").asString()).get("phone_number").asString())
                .isEqualTo(phone);
        // A real number texted after it: once its SMS is in, anything for the test number would be too.
        String probe = Phonegate.newPhoneNumber();
        client.start(probe);
        client.awaitSms(probe, 1);
        assertThat(stack.sns().inbox(phone)).as("texts to the test number").isEmpty();
        assertThat(stack.sns().allMessages()).noneMatch(sms -> sms.phone().equals(phone));
        assertThat(stack.sns().publishCalls()).isGreaterThan(publishesBefore);
    }

    @Test
    void aUsNumbersFirstCodeNeedsAPassingBotCheckTokenAndARefusalCostsNoCognitoCall() {
        SiteverifyEmulator siteverify = stack.siteverify().orElseThrow();
        String phone = newUsMobileNumber();
        long cognitoBefore = startCalls();
        long verifiesBefore = siteverify.calls(Provider.TURNSTILE);

        Phonegate.Response missing = start(phone, null);
        Phonegate.Response failing = start(phone, "fail." + UUID.randomUUID());

        for (Phonegate.Response refused : List.of(missing, failing)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asString()).isEqualTo("https://phonegate.io/problems/bot-check-failed");
        }
        assertThat(startCalls()).as("Cognito calls of starts").isEqualTo(cognitoBefore);
        assertThat(siteverify.calls(Provider.TURNSTILE)).isEqualTo(verifiesBefore + 1);

        Phonegate.Response passed = start(phone, "pass." + UUID.randomUUID());
        assertThat(passed.status()).as(passed.body()).isEqualTo(202);
        assertThat(Phonegate.codeIn(client.awaitSms(phone, 1))).hasSize(6);
        assertThat(siteverify.lastRequest()).containsEntry("secret", Provider.TURNSTILE.testSecret());
    }

    /** A fresh US number that passes the gateway's mobile check (drawn again until one does). */
    private static String newUsMobileNumber() {
        while (true) {
            String candidate = "+1201" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
            try {
                return PhoneNumber.parse(candidate, "US").e164();
            } catch (IllegalArgumentException notAMobile) {
                // draw again
            }
        }
    }

    private Phonegate.Response start(String phone, String botToken) {
        return client.post("/v1/auth/start", "{\"phone\":\"" + phone + "\""
                + (botToken == null ? "" : ",\"botToken\":\"" + botToken + "\"") + "}");
    }

    private long startCalls() {
        return START_OPERATIONS.stream().mapToLong(stack.cognito()::callCount).sum();
    }

    private static String challenge(Phonegate.Response started) {
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        return started.json().get("challenge").asString();
    }

    /** Polls the second replica, never the gateway that started the challenge, until the status is {@code wanted}. */
    private JsonNode awaitStatusOnSecond(String challenge, String wanted) {
        URI status = secondGateway.baseUri().resolve("/v1/auth/challenges/" + challenge + "/status");
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            Phonegate.Response answer = client.get(status);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer.json();
        }, json -> json.get("status").asString().equals(wanted));
    }
}
