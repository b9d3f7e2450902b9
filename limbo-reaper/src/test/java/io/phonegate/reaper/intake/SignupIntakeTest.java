package io.phonegate.reaper.intake;

import io.phonegate.common.event.CloudEventHeaders;
import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.SignupCompleted;
import io.phonegate.common.event.SignupRequested;
import io.phonegate.common.event.Topics;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.reaper.EventPublisher;
import io.phonegate.reaper.EventPublisher.TopicPartitionOffset;
import io.phonegate.reaper.FakeUserDirectory;
import io.phonegate.reaper.RunningReaper;
import io.phonegate.reaper.TestTopics;
import io.phonegate.reaper.WithFakeDirectory;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.kafka.RealKafkaExtension;
import io.phonegate.testsupport.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The consumer on a real broker, with a test double behind the Cognito edge. */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignupIntakeTest {

    private static final Duration TTL = Duration.ofSeconds(3);

    private TestTopics topics;
    private RunningReaper reaper;
    private FakeUserDirectory directory;
    private EventPublisher publisher;

    @BeforeAll
    void startReaper() {
        topics = TestTopics.create(RealKafkaExtension.bootstrapServers());
        reaper = RunningReaper.start(topics, Map.of("phonegate.reaper.ttl", TTL.toString()), WithFakeDirectory.class);
        directory = reaper.bean(FakeUserDirectory.class);
        publisher = new EventPublisher(RealKafkaExtension.bootstrapServers());
    }

    @AfterAll
    void stopReaper() {
        publisher.close();
        reaper.close();
    }

    @Test
    void waitingSignupHoldsTheCommittedOffsetBelowItUntilItIsHandled() {
        SignupRequested request = request(randomPhone());
        TopicPartitionOffset sent = publisher.publish(topics.requested(), request);
        SignupRequested laterRequest = requestOnPartitionOf(sent);
        publisher.publish(topics.requested(), laterRequest);

        await().atMost(Duration.ofSeconds(10)).until(() -> reaper.gauge("phonegate.reaper.pending.signups") >= 1);
        assertThat(committed(sent)).isLessThanOrEqualTo(sent.offset());

        await().atMost(Duration.ofSeconds(20)).until(() -> committed(sent) > sent.offset() + 1);
        assertThat(directory.askedAbout(request.username())).singleElement()
                .satisfies(ask -> assertThat(ask.at()).isAfterOrEqualTo(request.occurredAt().plus(TTL)));
    }

    @Test
    void completedSignupIsCancelledWithoutAskingCognito() {
        PhoneNumber phone = randomPhone();
        SignupRequested request = request(phone);
        publisher.publish(topics.requested(), request);
        publisher.publish(topics.completed(), new SignupCompleted(UUID.randomUUID(), Instant.now(), phone,
                request.username(), request.userSub()));

        await().atMost(Duration.ofSeconds(10)).until(() -> reaper.count("phonegate.reaper.users.kept",
                "reason", "completed") >= 1);
        publisher.publish(topics.requested(), request(randomPhone()));
        await().pollDelay(TTL.plusSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> directory.asked().size() >= 1);
        assertThat(directory.askedAbout(request.username())).isEmpty();
    }

    @Test
    void undecodableRecordGoesToTheDeadLetterTopicWithItsReasonAndIsCommitted() {
        String phone = randomPhone().e164();
        Map<String, byte[]> headers = new HashMap<>(new EventCodec().headers(request(PhoneNumber.ofE164(phone)),
                "/phonegate/test"));
        TopicPartitionOffset sent = publisher.send(topics.requested(), phone, headers,
                "{\"username\":\"no phone\"}".getBytes(StandardCharsets.UTF_8));

        try (TopicReader reader = TopicReader.open(RealKafkaExtension.bootstrapServers(),
                Topics.deadLetter(topics.requested()))) {
            ConsumerRecord<String, byte[]> deadLetter = reader.awaitRecords(r -> phone.equals(r.key()), 1,
                    Duration.ofSeconds(15)).get(0);
            assertThat(TopicReader.header(deadLetter, CloudEventHeaders.DLQ_REASON)).contains("SignupRequested");
            assertThat(TopicReader.header(deadLetter, CloudEventHeaders.TYPE)).isEqualTo("phonegate.signup.requested.v1");
            assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("{\"username\":\"no phone\"}");
        }
        assertThat(reaper.count("phonegate.dead.letters", "topic", topics.requested())).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> committed(sent) > sent.offset());
    }

    @Test
    void recordOfAnUnknownTypeIsSkippedAndCommitted() {
        String phone = randomPhone().e164();
        TopicPartitionOffset sent = publisher.send(topics.completed(), phone,
                Map.of(CloudEventHeaders.TYPE, "phonegate.signup.completed.v9".getBytes(StandardCharsets.UTF_8)),
                "{}".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(20)).until(() -> committed(sent) > sent.offset());
        assertThat(reaper.count("phonegate.dead.letters", "topic", topics.completed())).isZero();
    }

    private long committed(TopicPartitionOffset record) {
        return topics.committedOffset(RealKafkaExtension.bootstrapServers(), record.partition());
    }

    /** A request for another number that lands on the same partition, after the first one. */
    private SignupRequested requestOnPartitionOf(TopicPartitionOffset first) {
        while (true) {
            SignupRequested candidate = request(randomPhone());
            int partition = org.apache.kafka.common.utils.Utils.toPositive(
                    org.apache.kafka.common.utils.Utils.murmur2(candidate.partitionKey().getBytes(StandardCharsets.UTF_8)))
                    % TestTopics.PARTITIONS;
            if (partition == first.partition().partition()) {
                return candidate;
            }
        }
    }

    static SignupRequested request(PhoneNumber phone) {
        return new SignupRequested(UUID.randomUUID(), Instant.now(), phone, phone.e164(), UUID.randomUUID().toString());
    }

    static PhoneNumber randomPhone() {
        return PhoneNumber.ofE164("+9198" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999)));
    }

}
