package io.phonegate.dispatcher;

import io.phonegate.common.event.CloudEventHeaders;
import io.phonegate.common.event.DeliveryOutcome;
import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.OtpDeliveryReported;
import io.phonegate.common.event.OtpPurpose;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.Topics;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.devstack.sns.Faults;
import io.phonegate.devstack.sns.SmsMessage;
import io.phonegate.devstack.sns.SnsEmulator;
import io.phonegate.devstack.sns.SnsEmulatorSettings;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.kafka.RealKafkaExtension;
import io.phonegate.testsupport.kafka.TopicReader;
import io.phonegate.testsupport.kafka.TopicWriter;
import io.phonegate.testsupport.redis.RealRedis;
import io.phonegate.dispatcher.claim.Holder;
import io.phonegate.dispatcher.claim.RedisSendClaims;
import io.phonegate.dispatcher.claim.SendClaims;
import io.phonegate.dispatcher.report.DeliveryReports;
import io.phonegate.dispatcher.report.KafkaDeliveryReports;
import io.phonegate.dispatcher.store.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dispatcher as it runs: its Spring context on a real in-process Kafka broker and a real
 * Redis, sending through the real SNS SDK client to the devstack SNS emulator. Each test uses its
 * own numbers.
 */
@RealKafka
@RealRedis
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "phonegate.dispatcher.backstop.number-daily-cap=7",
        "phonegate.dispatcher.retry.initial-backoff=20ms",
        "phonegate.dispatcher.retry.max-backoff=200ms",
        "phonegate.dispatcher.claims.answer-window=4s",
        "phonegate.dispatcher.otp-host=auth.example.com",
        // India's DLT for every +91 number of this class: each text form in use with this host has its template id.
        "phonegate.dispatcher.countries.IN.sender-id=PHNGTE",
        "phonegate.dispatcher.countries.IN.dlt.entity-id=" + OtpDispatchKafkaTest.ENTITY_ID,
        "phonegate.dispatcher.countries.IN.dlt.templates.en-login-long=1107000000000000011",
        "phonegate.dispatcher.countries.IN.dlt.templates.en-signup-long=1107000000000000012",
        "phonegate.dispatcher.countries.IN.dlt.templates.hi-login-long=1107000000000000021",
        "phonegate.dispatcher.countries.IN.dlt.templates.hi-signup-long=1107000000000000022",
        "phonegate.dispatcher.countries.IN.dlt.templates.hi-login-short=1107000000000000023",
        "phonegate.dispatcher.countries.IN.dlt.templates.hi-signup-short=1107000000000000024",
        "spring.cloud.stream.kafka.bindings.otpRequests-in-0.consumer.poll-timeout=200"})
class OtpDispatchKafkaTest {

    static final String ENTITY_ID = "1101000000000000001";
    private static final String SEAL_KEYS = CodeSeal.newKeyConfig("test");
    private static final CodeSeal SEAL = CodeSeal.fromConfig(SEAL_KEYS, "test");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SnsEmulator SNS = SnsEmulator.start(SnsEmulatorSettings.onFreePort());

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    private TopicWriter writer;
    private TopicReader reports;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        registry.add("phonegate.sns.endpoint", () -> SNS.endpoint().toString());
        registry.add("phonegate.seal.keys", () -> SEAL_KEYS);
    }

    @AfterAll
    static void stopSns() {
        SNS.close();
    }

    @BeforeEach
    void open() {
        SNS.setFaults(Faults.NONE);
        writer = TopicWriter.open(RealKafkaExtension.bootstrapServers());
        reports = TopicReader.open(RealKafkaExtension.bootstrapServers(), Topics.OTP_DELIVERY);
    }

    @AfterEach
    void close() {
        SNS.setFaults(Faults.NONE);
        writer.close();
        reports.close();
    }

    @Test
    void requestBecomesOneSmsWithTheCodeAndTheOriginBoundLineAndASentReport(CapturedOutput output) {
        PhoneNumber phone = newPhone();
        String code = newCode();
        OtpRequested request = request(phone, code, "en", Duration.ofMinutes(3));

        writer.publish(request, "/test");
        OtpDeliveryReported report = awaitReport(request);

        assertThat(report.outcome()).isEqualTo(DeliveryOutcome.SENT);
        assertThat(report.attempts()).isEqualTo(1);
        assertThat(report.challengeId()).isEqualTo(request.challengeId());
        assertThat(report.phone()).isEqualTo(phone);
        SmsMessage sms = SNS.inbox(phone).get(0);
        assertThat(SNS.inbox(phone)).hasSize(1);
        assertThat(report.providerMessageId()).isEqualTo(sms.messageId());
        assertThat(sms.message()).startsWith(code + " is your Phonegate").endsWith("\n\n@auth.example.com #" + code);
        assertThat(sms.smsType()).isEqualTo("Transactional");
        assertThat(output.getAll()).doesNotContain(code);
        assertThat(new String(new EventCodec().toJson(report), StandardCharsets.UTF_8)).doesNotContain(code);
    }

    @Test
    void hindiRequestGetsTheHindiText() {
        PhoneNumber phone = newPhone();
        String code = newCode();
        OtpRequested request = request(phone, code, "hi-IN", Duration.ofMinutes(3));

        writer.publish(request, "/test");

        assertThat(awaitReport(request).outcome()).isEqualTo(DeliveryOutcome.SENT);
        assertThat(SNS.inbox(phone).get(0).message()).startsWith("Phonegate लॉगिन कोड " + code).endsWith("@auth.example.com #" + code);
    }

    /**
     * India's DLT end to end through the dispatcher: each SMS to +91 carries the entity id and the template id of
     * the text form it was rendered in, and its text matches that form (a 9-digit code sends the short Hindi text).
     */
    @Test
    void smsToIndiaCarriesTheDltEntityAndTheTemplateIdOfItsTextForm() {
        Map<String, String> expectedTemplate = Map.of(
                "en LOGIN 6", "1107000000000000011", "en SIGNUP 6", "1107000000000000012",
                "hi LOGIN 6", "1107000000000000021", "hi SIGNUP 6", "1107000000000000022",
                "hi LOGIN 9", "1107000000000000023", "hi SIGNUP 9", "1107000000000000024");
        expectedTemplate.forEach((text, templateId) -> {
            String[] parts = text.split(" ");
            PhoneNumber phone = newPhone();
            String code = newCode().repeat(2).substring(0, Integer.parseInt(parts[2]));
            OtpRequested request = request(phone, code, parts[0], OtpPurpose.valueOf(parts[1]), Duration.ofMinutes(3));

            writer.publish(request, "/test");

            assertThat(awaitReport(request).outcome()).as(text).isEqualTo(DeliveryOutcome.SENT);
            SmsMessage sms = SNS.inbox(phone).get(0);
            assertThat(sms.entityId()).as(text).isEqualTo(ENTITY_ID);
            assertThat(sms.templateId()).as(text).isEqualTo(templateId);
            assertThat(sms.senderId()).as(text).isEqualTo("PHNGTE");
            assertThat(sms.message()).as(text).endsWith("\n\n@auth.example.com #" + code);
            assertThat(sms.message().contains("साझा न करें")).as(text).isEqualTo(parts[0].equals("hi") && code.length() == 6);
        });
    }

    @Test
    void throttlingIsRetriedUntilTheSmsIsSent() {
        retriedUntilSent(Faults.NONE.withThrottleRate(1.0), "throttled");
    }

    @Test
    void internalErrorsAreRetriedUntilTheSmsIsSent() {
        retriedUntilSent(Faults.NONE.withErrorRate(1.0), "transient");
    }

    private void retriedUntilSent(Faults faults, String attemptResult) {
        double failedBefore = attempts(attemptResult);
        SNS.setFaults(faults);
        PhoneNumber phone = newPhone();
        OtpRequested request = request(phone, newCode(), "en", Duration.ofMinutes(3));

        writer.publish(request, "/test");
        await().atMost(WAIT).until(() -> attempts(attemptResult) - failedBefore >= 2);
        SNS.setFaults(Faults.NONE);
        OtpDeliveryReported report = awaitReport(request);

        assertThat(report.outcome()).isEqualTo(DeliveryOutcome.SENT);
        assertThat(report.attempts()).isGreaterThanOrEqualTo(3);
        assertThat(SNS.inbox(phone)).hasSize(1);
    }

    @Test
    void permanentErrorIsReportedFailedWithoutRetry() {
        PhoneNumber phone = newPhone();
        SNS.setFaults(Faults.rejecting(phone.e164()));
        long callsBefore = SNS.publishCalls();
        OtpRequested request = request(phone, newCode(), "en", Duration.ofMinutes(3));

        writer.publish(request, "/test");
        OtpDeliveryReported report = awaitReport(request);

        assertThat(report.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(report.attempts()).isEqualTo(1);
        assertThat(report.reason()).contains("InvalidParameter");
        assertThat(SNS.publishCalls() - callsBefore).isEqualTo(1);
    }

    @Test
    void expiredRequestIsReportedExpiredAndSendsNothing() {
        PhoneNumber phone = newPhone();
        OtpRequested request = request(phone, newCode(), "en", Duration.ofSeconds(-1));

        writer.publish(request, "/test");
        OtpDeliveryReported report = awaitReport(request);

        assertThat(report.outcome()).isEqualTo(DeliveryOutcome.EXPIRED);
        assertThat(report.attempts()).isZero();
        assertThat(SNS.inbox(phone)).isEmpty();
    }

    @Test
    void theSameEventTwiceIsTextedAndReportedOnceAndBothOffsetsAreCommitted() {
        PhoneNumber phone = newPhone();
        OtpRequested request = request(phone, newCode(), "en", Duration.ofMinutes(3));

        TopicWriter.Written first = writer.publish(request, "/test");
        TopicWriter.Written second = writer.publish(request, "/test");
        assertThat(second.partition()).isEqualTo(first.partition());
        try (KafkaProbes probes = new KafkaProbes(RealKafkaExtension.bootstrapServers())) {
            await().atMost(WAIT).until(() -> probes.committed(second.partition()) > second.offset());
            assertThat(probes.allReports()).filteredOn(r -> r.requestEventId().equals(request.eventId()))
                    .extracting(OtpDeliveryReported::outcome).containsExactly(DeliveryOutcome.SENT);
        }
        assertThat(SNS.inbox(phone)).hasSize(1);
    }

    @Test
    void anotherEventForTheSameChallengeIsReportedDuplicateWithoutASecondSms() {
        PhoneNumber phone = newPhone();
        OtpRequested request = request(phone, newCode(), "en", Duration.ofMinutes(3));
        OtpRequested republished = GatewayAdmissions.admitted(new OtpRequested(UUID.randomUUID(), Instant.now(), phone,
                request.challengeId(), request.sealedCode(), request.purpose(), request.locale(), request.expiresAt()));

        writer.publish(request, "/test");
        writer.publish(republished, "/test");

        // The two are dispatched side by side (a batch's records go to the workers at once): whichever claims
        // the challenge first is texted, the other is the duplicate.
        OtpDeliveryReported first = awaitReport(request);
        OtpDeliveryReported second = awaitReport(republished);
        assertThat(List.of(first.outcome(), second.outcome()))
                .containsExactlyInAnyOrder(DeliveryOutcome.SENT, DeliveryOutcome.DUPLICATE);
        assertThat(second.challengeId()).isEqualTo(request.challengeId());
        assertThat(SNS.inbox(phone)).hasSize(1);
    }

    @Test
    void aRequestWhoseStartTheGatewayWithdrewIsReportedFailedAndNotTexted() {
        PhoneNumber phone = newPhone();
        OtpRequested request = request(phone, newCode(), "en", Duration.ofMinutes(3));
        GatewayAdmissions.withdraw(request);

        writer.publish(request, "/test");
        OtpDeliveryReported report = awaitReport(request);

        assertThat(report.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(report.reason()).startsWith("withdrawn:");
        assertThat(report.attempts()).isZero();
        assertThat(SNS.inbox(phone)).isEmpty();
        assertThat(counter("phonegate.otp.claims", "result", "withdrawn")).isPositive();
    }

    @Test
    void aRequestIsTextedOnlyOnceTheGatewayMarkedItsStartAnswered() {
        PhoneNumber phone = newPhone();
        OtpRequested request = unanswered(phone);
        double asked = counter("phonegate.otp.claims", "result", "unanswered");

        writer.publish(request, "/test");
        await().atMost(WAIT).until(() -> counter("phonegate.otp.claims", "result", "unanswered") >= asked + 2);
        assertThat(SNS.inbox(phone)).as("nothing before the 202 has left").isEmpty();
        GatewayAdmissions.answered(request);

        assertThat(awaitReport(request).outcome()).isEqualTo(DeliveryOutcome.SENT);
        assertThat(SNS.inbox(phone)).hasSize(1);
    }

    @Test
    void aRequestWhoseStartIsNeverMarkedAnsweredIsWithdrawnAfterTheWindowAndItsStartGivenBack() {
        PhoneNumber phone = newPhone();
        OtpRequested request = unanswered(phone);

        writer.publish(request, "/test");
        OtpDeliveryReported report = awaitReport(request);

        assertThat(report.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(report.reason()).startsWith("withdrawn:").contains("never marked its start answered");
        assertThat(report.attempts()).isZero();
        assertThat(Duration.between(request.occurredAt(), report.occurredAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        assertThat(SNS.inbox(phone)).isEmpty();
        assertThat(GatewayAdmissions.stands(request)).as("the client may ask again at once").isFalse();
    }

    @Test
    void aRequestWithoutTheGatewaysAdmissionIsReportedFailedAndNotTexted() {
        PhoneNumber phone = newPhone();
        Instant now = Instant.now();
        OtpRequested injected = new OtpRequested(UUID.randomUUID(), now, phone, "challenge-" + UUID.randomUUID(),
                SEAL.seal(newCode(), phone.e164()), OtpPurpose.LOGIN, "en", now.plus(Duration.ofMinutes(3)));

        writer.publish(injected, "/test");
        OtpDeliveryReported report = awaitReport(injected);

        assertThat(report.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(report.reason()).contains("no admission");
        assertThat(SNS.inbox(phone)).isEmpty();
    }

    @Test
    void aRedeliveryAfterTheSmsWentOutButBeforeItsReportPublishesThatOutcomeWithoutAnotherSms() {
        PhoneNumber phone = newPhone();
        OtpRequested request = request(phone, newCode(), "en", Duration.ofMinutes(3));
        settleAsADeadHolder(request, DeliveryReports.Outcome.sent(1, "message-of-the-dead-holder"));

        writer.publish(request, "/test");
        OtpDeliveryReported report = awaitReport(request);

        assertThat(report.outcome()).isEqualTo(DeliveryOutcome.SENT);
        assertThat(report.providerMessageId()).isEqualTo("message-of-the-dead-holder");
        assertThat(report.eventId()).isEqualTo(KafkaDeliveryReports.reportId(request));
        assertThat(SNS.inbox(phone)).isEmpty();
    }

    @Test
    void aRedeliveryWhoseReportIsOnKafkaButWasNotNotedIsAcknowledgedWithoutASecondReport() {
        PhoneNumber phone = newPhone();
        OtpRequested request = request(phone, newCode(), "en", Duration.ofMinutes(3));
        settleAsADeadHolder(request, DeliveryReports.Outcome.sent(1, "message-of-the-dead-holder"));
        writer.publish(new OtpDeliveryReported(KafkaDeliveryReports.reportId(request), Instant.now(), request.eventId(), phone,
                request.challengeId(), DeliveryOutcome.SENT, 1, "message-of-the-dead-holder", null), "/phonegate/otp-dispatcher");

        TopicWriter.Written written = writer.publish(request, "/test");
        try (KafkaProbes probes = new KafkaProbes(RealKafkaExtension.bootstrapServers())) {
            await().atMost(WAIT).until(() -> probes.committed(written.partition()) > written.offset());
            assertThat(probes.allReports()).filteredOn(r -> r.requestEventId().equals(request.eventId())).hasSize(1);
        }
        assertThat(SNS.inbox(phone)).isEmpty();
    }

    /** A claim as a dispatcher leaves it that settled the request and died 20 s ago, before noting the report. */
    private static void settleAsADeadHolder(OtpRequested request, DeliveryReports.Outcome outcome) {
        try (TestRedis redis = TestRedis.connect()) {
            SendClaims claims = new RedisSendClaims(redis.template(), redis.calls(), Duration.ofSeconds(15), Duration.ofHours(1));
            Holder dead = Holder.newFor(request);
            Instant then = Instant.now().minusSeconds(20);
            claims.claim(dead, then, request.expiresAt());
            claims.renew(dead, then);
            assertThat(claims.settle(dead, outcome)).isInstanceOf(SendClaims.Settlement.Publish.class);
        }
    }

    @Test
    void everyCodeTheGatewayAdmittedForOneNumberIsSent() {
        PhoneNumber phone = newPhone();
        for (int i = 0; i < 6; i++) {
            writer.publish(request(phone, newCode(), "en", Duration.ofMinutes(3)), "/test");
        }

        var sixReports = reports.awaitEvents(OtpDeliveryReported.class, r -> r.phone().equals(phone), 6, WAIT);

        assertThat(sixReports).extracting(OtpDeliveryReported::outcome).containsOnly(DeliveryOutcome.SENT);
        assertThat(SNS.inbox(phone)).hasSize(6);
    }

    @Test
    void aCodeToACountryOutsideTheBackstopIsNotTextedButReportedAndCounted() {
        PhoneNumber brazil = PhoneNumber.ofE164("+55119" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000)));
        double before = counter("phonegate.otp.backstop.refusals", "reason", "country");
        OtpRequested injected = request(brazil, newCode(), "en", Duration.ofMinutes(3));

        writer.publish(injected, "/test");
        OtpDeliveryReported report = awaitReport(injected);

        assertThat(report.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(report.reason()).startsWith("backstop: ").contains("BR");
        assertThat(SNS.inbox(brazil)).isEmpty();
        assertThat(counter("phonegate.otp.backstop.refusals", "reason", "country") - before).isEqualTo(1);
    }

    @Test
    void aCodeToALandlineIsNotTextedButReportedAndCounted() {
        PhoneNumber landline = PhoneNumber.ofE164("+9111" + String.format("%08d", 20_000_000 + ThreadLocalRandom.current().nextInt(70_000_000)));
        double before = counter("phonegate.otp.backstop.refusals", "reason", "number_type");
        OtpRequested injected = request(landline, newCode(), "en", Duration.ofMinutes(3));

        writer.publish(injected, "/test");
        OtpDeliveryReported report = awaitReport(injected);

        assertThat(report.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(report.reason()).startsWith("backstop: ");
        assertThat(SNS.inbox(landline)).isEmpty();
        assertThat(counter("phonegate.otp.backstop.refusals", "reason", "number_type") - before).isEqualTo(1);
    }

    @Test
    void aNumberOverTheBackstopsDailyCapIsRateLimitedAndCounted() {
        PhoneNumber phone = newPhone();
        double before = counter("phonegate.otp.backstop.refusals", "reason", "number_cap");
        for (int i = 0; i < 8; i++) {
            writer.publish(request(phone, newCode(), "en", Duration.ofMinutes(3)), "/test");
        }

        var eight = reports.awaitEvents(OtpDeliveryReported.class, r -> r.phone().equals(phone), 8, WAIT);

        assertThat(eight).filteredOn(r -> r.outcome() == DeliveryOutcome.SENT).hasSize(7);
        assertThat(eight).filteredOn(r -> r.outcome() == DeliveryOutcome.RATE_LIMITED).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo("backstop: the number already had 7 codes today (UTC)"));
        assertThat(SNS.inbox(phone)).hasSize(7);
        assertThat(counter("phonegate.otp.backstop.refusals", "reason", "number_cap") - before).isEqualTo(1);
    }

    @Test
    void poisonRecordGoesToTheDeadLetterTopicWithItsReasonAndTheConsumerGoesOn() {
        double deadBefore = counter("phonegate.dead.letters", "topic", Topics.OTP_REQUESTED);
        String poisonKey = newPhone().e164();
        byte[] poison = "{not json".getBytes(StandardCharsets.UTF_8);
        writer.send(Topics.OTP_REQUESTED, poisonKey, Map.of(CloudEventHeaders.TYPE, utf8("phonegate.otp.requested.v1"),
                CloudEventHeaders.ID, utf8(UUID.randomUUID().toString())), poison);
        PhoneNumber phone = newPhone();
        OtpRequested after = request(phone, newCode(), "en", Duration.ofMinutes(3));
        writer.publish(after, "/test");

        try (TopicReader deadLetters = TopicReader.open(RealKafkaExtension.bootstrapServers(), Topics.deadLetter(Topics.OTP_REQUESTED))) {
            ConsumerRecord<String, byte[]> letter = deadLetters.awaitRecords(r -> poisonKey.equals(r.key()), 1, WAIT).get(0);
            assertThat(letter.value()).isEqualTo(poison);
            assertThat(TopicReader.header(letter, CloudEventHeaders.DLQ_REASON)).contains("invalid OtpRequested");
            assertThat(TopicReader.header(letter, "x-exception-message")).isNotBlank();
            assertThat(TopicReader.header(letter, CloudEventHeaders.TYPE)).isEqualTo("phonegate.otp.requested.v1");
        }
        assertThat(awaitReport(after).outcome()).isEqualTo(DeliveryOutcome.SENT);
        assertThat(counter("phonegate.dead.letters", "topic", Topics.OTP_REQUESTED) - deadBefore).isEqualTo(1);
    }

    @Test
    void recordOfAnUnknownTypeIsSkippedNotDeadLettered() {
        String key = newPhone().e164();
        writer.send(Topics.OTP_REQUESTED, key, Map.of(CloudEventHeaders.TYPE, utf8("phonegate.otp.requested.v9")),
                utf8("{\"future\":true}"));
        OtpRequested after = request(newPhone(), newCode(), "en", Duration.ofMinutes(3));
        writer.publish(after, "/test");

        assertThat(awaitReport(after).outcome()).isEqualTo(DeliveryOutcome.SENT);
        try (TopicReader deadLetters = TopicReader.open(RealKafkaExtension.bootstrapServers(), Topics.deadLetter(Topics.OTP_REQUESTED))) {
            assertThat(deadLetters.recordsAfter(Duration.ofSeconds(1))).noneMatch(r -> key.equals(r.key()));
        }
    }

    @Test
    void numberThatKeepsFailingHoldsUpNeitherLaterNumbersNorCommitsPastIt() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafkaExtension.bootstrapServers()))) {
            int partitions = admin.describeTopics(java.util.List.of(Topics.OTP_REQUESTED)).allTopicNames().get()
                    .get(Topics.OTP_REQUESTED).partitions().size();
            PhoneNumber failing = newPhone();
            PhoneNumber fine = newPhoneOnPartitionOf(failing, partitions);
            TopicPartition partition = new TopicPartition(Topics.OTP_REQUESTED, partitionOf(failing, partitions));
            SNS.setFaults(Faults.throttling(failing.e164()));
            long failingOffset = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().get(partition).offset();

            OtpRequested slow = request(failing, newCode(), "en", Duration.ofSeconds(6));
            OtpRequested quick = request(fine, newCode(), "en", Duration.ofMinutes(3));
            writer.publish(slow, "/test");
            writer.publish(quick, "/test");

            assertThat(awaitReport(quick).outcome()).isEqualTo(DeliveryOutcome.SENT);
            assertThat(reports.recordsAfter(Duration.ofMillis(300))).map(TopicReader::decode)
                    .noneMatch(e -> e instanceof OtpDeliveryReported r && r.requestEventId().equals(slow.eventId()));
            assertThat(committed(admin, partition)).isLessThanOrEqualTo(failingOffset);

            OtpDeliveryReported slowReport = awaitReport(slow);
            assertThat(slowReport.outcome()).isEqualTo(DeliveryOutcome.EXPIRED);
            assertThat(slowReport.attempts()).isGreaterThan(1);
            assertThat(slowReport.reason()).contains("Throttling");
            await().atMost(WAIT).until(() -> committed(admin, partition) == failingOffset + 2);
        }
    }

    @Test
    void prometheusEndpointShowsTheDispatcherMetricsWithTheApplicationTag() throws Exception {
        OtpRequested request = request(newPhone(), newCode(), "en", Duration.ofMinutes(3));
        writer.publish(request, "/test");
        awaitReport(request);

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(
                "phonegate_otp_delivery_total{application=\"otp-dispatcher\",outcome=\"sent\"}",
                "phonegate_otp_backstop_refusals_total{application=\"otp-dispatcher\",reason=\"number_cap\"}",
                "phonegate_otp_claims_total{application=\"otp-dispatcher\",result=\"taken_over\"}",
                "phonegate_store_seconds_bucket{application=\"otp-dispatcher\",decision=\"claim\"",
                "phonegate_store_seconds_count{application=\"otp-dispatcher\",decision=\"pace\"}",
                "phonegate_store_failures_total{application=\"otp-dispatcher\",decision=\"claim_settle\",policy=\"pause\"}",
                "phonegate_store_failures_total{application=\"otp-dispatcher\",decision=\"backstop_cap\",policy=\"pause\"}",
                "phonegate_sms_send_attempts_total{application=\"otp-dispatcher\",result=\"success\"}",
                "phonegate_otp_delivery_latency_seconds_bucket{application=\"otp-dispatcher\"",
                "phonegate_sms_in_flight{application=\"otp-dispatcher\"}",
                "phonegate_dead_letters_total{application=\"otp-dispatcher\",topic=\"phonegate.otp.requested\"}");
    }

    @Test
    void readinessIncludesTheStore() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"redis\":{").contains("\"sendingPaused\":false");
    }

    private OtpDeliveryReported awaitReport(OtpRequested request) {
        return reports.awaitEvent(OtpDeliveryReported.class, r -> r.requestEventId().equals(request.eventId()), WAIT);
    }

    private static OtpRequested request(PhoneNumber phone, String code, String locale, Duration expiresIn) {
        return request(phone, code, locale, OtpPurpose.LOGIN, expiresIn);
    }

    private static OtpRequested request(PhoneNumber phone, String code, String locale, OtpPurpose purpose, Duration expiresIn) {
        Instant now = Instant.now();
        return GatewayAdmissions.admitted(new OtpRequested(UUID.randomUUID(), now, phone, "challenge-" + UUID.randomUUID(),
                SEAL.seal(code, phone.e164()), purpose, locale, now.plus(expiresIn)));
    }

    private static OtpRequested unanswered(PhoneNumber phone) {
        Instant now = Instant.now();
        return GatewayAdmissions.admittedUnanswered(new OtpRequested(UUID.randomUUID(), now, phone, "challenge-" + UUID.randomUUID(),
                SEAL.seal(newCode(), phone.e164()), OtpPurpose.LOGIN, "en", now.plus(Duration.ofMinutes(3))));
    }

    private double attempts(String result) {
        return counter("phonegate.sms.send.attempts", "result", result);
    }

    private double counter(String name, String tag, String value) {
        var counter = meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long committed(Admin admin, TopicPartition partition) throws Exception {
        OffsetAndMetadata offset = admin.listConsumerGroupOffsets("otp-dispatcher").partitionsToOffsetAndMetadata().get()
                .get(partition);
        return offset == null ? 0 : offset.offset();
    }

    private static PhoneNumber newPhone() {
        return PhoneNumber.ofE164("+9198" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000)));
    }

    private static PhoneNumber newPhoneOnPartitionOf(PhoneNumber other, int partitions) {
        int wanted = partitionOf(other, partitions);
        PhoneNumber candidate = newPhone();
        while (partitionOf(candidate, partitions) != wanted || candidate.equals(other)) {
            candidate = newPhone();
        }
        return candidate;
    }

    /** Kafka's default partitioner for a keyed record. */
    private static int partitionOf(PhoneNumber phone, int partitions) {
        return Utils.toPositive(Utils.murmur2(utf8(phone.e164()))) % partitions;
    }

    private static String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
