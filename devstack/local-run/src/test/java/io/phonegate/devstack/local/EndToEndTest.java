package io.phonegate.devstack.local;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.phonegate.common.event.DeliveryOutcome;
import io.phonegate.common.event.OtpDeliveryReported;
import io.phonegate.common.event.OtpPurpose;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.SignupCompleted;
import io.phonegate.common.event.SignupRequestedV2;
import io.phonegate.common.event.Topics;
import io.phonegate.common.event.UserReaped;
import io.phonegate.devstack.sns.SmsMessage;
import io.phonegate.testsupport.kafka.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Everything up as separate processes; a person's journeys through the public HTTP API. */
@Order(1)
@ExtendWith(SharedLocalStack.class)
class EndToEndTest {

    private final LocalStack stack;
    private final Phonegate client;

    EndToEndTest(LocalStack stack) {
        this.stack = stack;
        this.client = new Phonegate(stack);
    }

    @Test
    void newNumberSignsUpWithTheCodeFromTheSmsInbox() throws Exception {
        String phone = Phonegate.newPhoneNumber();

        Phonegate.Response started = client.start(phone);
        assertThat(started.status()).isEqualTo(202);
        JsonNode challenge = started.json();
        assertThat(challenge.get("codeLength").asInt()).isEqualTo(6);
        assertThat(challenge.get("challenge").asString()).isNotBlank();

        SmsMessage sms = client.awaitSms(phone, 1);
        assertThat(sms.smsType()).isEqualTo("Transactional");
        assertThat(sms.entityId()).as("India's DLT entity").isEqualTo(SharedLocalStack.DLT_ENTITY_ID);
        assertThat(sms.templateId()).as("the sign-up text's template")
                .isEqualTo(SharedLocalStack.DLT_TEMPLATE_IDS.get("en-signup-long"));
        assertThat(sms.senderId()).isEqualTo("PHNGTE");
        String code = Phonegate.codeIn(sms);
        assertThat(code).hasSize(6);

        Phonegate.Response verified = client.verify(phone, challenge.get("challenge").asString(), code);
        assertThat(verified.status()).isEqualTo(200);
        JWTClaimsSet claims = verifiedIdToken(verified.json().get("idToken").asString());
        assertThat(claims.getStringClaim("phone_number")).isEqualTo(phone);
        assertThat(claims.getBooleanClaim("phone_number_verified")).isTrue();
        assertThat(claims.getStringClaim("token_use")).isEqualTo("id");
        assertThat(claims.getIssuer()).isEqualTo(stack.cognito().issuer());

        try (TopicReader signups = TopicReader.open(stack.kafkaBootstrapServers(), Topics.SIGNUP_REQUESTED);
             TopicReader completions = TopicReader.open(stack.kafkaBootstrapServers(), Topics.SIGNUP_COMPLETED);
             TopicReader reports = TopicReader.open(stack.kafkaBootstrapServers(), Topics.OTP_DELIVERY)) {
            signups.awaitEvent(SignupRequestedV2.class, e -> e.phone().e164().equals(phone), Duration.ofSeconds(20));
            assertThat(completions.awaitEvent(SignupCompleted.class, e -> e.phone().e164().equals(phone), Duration.ofSeconds(20)).userSub())
                    .isEqualTo(claims.getSubject());
            OtpDeliveryReported report = reports.awaitEvent(OtpDeliveryReported.class, e -> e.phone().e164().equals(phone), Duration.ofSeconds(20));
            assertThat(report.outcome()).isEqualTo(DeliveryOutcome.SENT);
            assertThat(report.providerMessageId()).isEqualTo(sms.messageId());
        }
    }

    @Test
    void sameNumberLogsInAgainWithALoginCode() throws Exception {
        String phone = Phonegate.newPhoneNumber();
        client.signUp(phone);
        Thread.sleep(1_100); // the resend cooldown of the test stack is one second

        Phonegate.Response started = client.start(phone);
        assertThat(started.status()).isEqualTo(202);
        SmsMessage loginSms = client.awaitSms(phone, 2);
        assertThat(loginSms.entityId()).isEqualTo(SharedLocalStack.DLT_ENTITY_ID);
        assertThat(loginSms.templateId()).as("the log-in text's template")
                .isEqualTo(SharedLocalStack.DLT_TEMPLATE_IDS.get("en-login-long"));
        Phonegate.Response verified = client.verify(phone, started.json().get("challenge").asString(), Phonegate.codeIn(loginSms));

        assertThat(verified.status()).isEqualTo(200);
        assertThat(Phonegate.claims(verified.json().get("idToken").asString()).get("phone_number_verified").asBoolean()).isTrue();
        try (TopicReader requests = TopicReader.open(stack.kafkaBootstrapServers(), Topics.OTP_REQUESTED)) {
            assertThat(requests.awaitEvents(OtpRequested.class, e -> e.phone().e164().equals(phone), 2, Duration.ofSeconds(20)))
                    .extracting(OtpRequested::purpose).containsExactly(OtpPurpose.SIGNUP, OtpPurpose.LOGIN);
        }
        assertThat(client.awaitSms(phone, 1).message()).isNotEqualTo(loginSms.message());
    }

    /** India's DLT end to end: the Hindi sign-up text goes out with the template id registered for it. */
    @Test
    void hindiSignUpSmsCarriesTheDltTemplateOfTheHindiText() {
        String phone = Phonegate.newPhoneNumber();

        assertThat(client.start(phone, "hi-IN").status()).isEqualTo(202);
        SmsMessage sms = client.awaitSms(phone, 1);

        assertThat(sms.message()).startsWith("Phonegate सत्यापन कोड ").endsWith("\n\n@localhost #" + Phonegate.codeIn(sms));
        assertThat(sms.entityId()).isEqualTo(SharedLocalStack.DLT_ENTITY_ID);
        assertThat(sms.templateId()).isEqualTo(SharedLocalStack.DLT_TEMPLATE_IDS.get("hi-signup-long"));
    }

    @Test
    void wrongCodeIsRefusedWithAttemptsLeftAndTheRightOneStillWorks() {
        String phone = Phonegate.newPhoneNumber();
        Phonegate.Response started = client.start(phone);
        String code = Phonegate.codeIn(client.awaitSms(phone, 1));
        String wrong = code.equals("000000") ? "111111" : "000000";

        Phonegate.Response refused = client.verify(phone, started.json().get("challenge").asString(), wrong);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("attemptsLeft").asInt()).isEqualTo(2);

        Phonegate.Response verified = client.verify(phone, refused.json().get("challenge").asString(), code);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(stack.sns().inbox(phone)).as("no new SMS for a wrong answer").hasSize(1);
    }

    /**
     * The stack's reaper waits an hour, so journeys never race it; this test makes the sign-ups due by
     * starting a reaper of its own with a two-second TTL and a consumer group of its own, which reads
     * every announcement from the start. Once its committed offsets reach the end of the sign-up topic,
     * it has handled every announcement made so far: the abandoned sign-up is gone, and the user who
     * completed sign-up (issue 12: its number since changed by an admin, which un-verifies it, then
     * started again) is still there.
     */
    @Test
    void abandonedSignupIsReapedAndAUserWhoCompletedSignupOnceIsNot() {
        String completedOnce = Phonegate.newPhoneNumber();
        client.signUp(completedOnce);
        Phonegate.Response changed = client.cognito("AdminUpdateUserAttributes", "{\"UserPoolId\":\""
                + stack.cognito().userPoolId() + "\",\"Username\":\"" + completedOnce
                + "\",\"UserAttributes\":[{\"Name\":\"phone_number\",\"Value\":\"" + Phonegate.newPhoneNumber() + "\"}]}");
        assertThat(changed.status()).isEqualTo(200);
        // Started again once the number's resend cooldown (one second in the test stack) allows it.
        assertThat(await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> client.start(completedOnce).status(), status -> status != 429)).isEqualTo(202);
        String abandoned = Phonegate.newPhoneNumber();
        assertThat(client.start(abandoned).status()).isEqualTo(202);
        client.awaitSms(abandoned, 1);

        try (ServiceProcess shortTtlReaper = stack.startExtra("limbo-reaper", "limbo-reaper-short-ttl", Map.of(
                "PHONEGATE_REAPER_TTL", "2s",
                "SPRING_APPLICATION_JSON", "{\"spring.cloud.stream.bindings.signupEvents-in-0.group\":\"limbo-reaper-e2e-short-ttl\"}"));
             TopicReader reaped = TopicReader.open(stack.kafkaBootstrapServers(), Topics.USER_REAPED)) {
            UserReaped event = reaped.awaitEvent(UserReaped.class, e -> e.username().equals(abandoned), Duration.ofSeconds(60));
            assertThat(event.maskedPhone()).doesNotContain(abandoned.substring(3, 9));
            awaitEveryAnnouncementHandled("limbo-reaper-e2e-short-ttl");
        }
        assertThat(client.cognito("AdminGetUser", adminGetUser(abandoned)).body()).contains("UserNotFoundException");
        Phonegate.Response kept = client.cognito("AdminGetUser", adminGetUser(completedOnce));
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.body()).contains("custom:pg_completed");
    }

    /** The group's committed offsets reach the end of every partition of the sign-up topic. */
    private void awaitEveryAnnouncementHandled(String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> partitions = admin.describeTopics(List.of(Topics.SIGNUP_REQUESTED))
                    .allTopicNames().get().get(Topics.SIGNUP_REQUESTED).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(Topics.SIGNUP_REQUESTED, p.partition()),
                            p -> OffsetSpec.latest()));
            Map<TopicPartition, Long> end = admin.listOffsets(partitions).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                return end.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the sign-up topic's offsets", e);
        }
    }

    @Test
    void malformedRequestsGetProblemDetailsNotServerErrors() {
        Phonegate.Response garbage = client.post("/v1/auth/start", "{not json");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.contentType()).startsWith("application/problem+json");
        assertThat(client.post("/v1/auth/start", "{\"phone\":\"+44 20 7946 0958\"}").status()).isBetween(400, 499);
    }

    private String adminGetUser(String phone) {
        return "{\"UserPoolId\":\"" + stack.cognito().userPoolId() + "\",\"Username\":\"" + phone + "\"}";
    }

    private JWTClaimsSet verifiedIdToken(String idToken) throws Exception {
        JWKSet keys = JWKSet.load(stack.cognito().jwksUri().toURL());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
        return processor.process(idToken, null);
    }
}
