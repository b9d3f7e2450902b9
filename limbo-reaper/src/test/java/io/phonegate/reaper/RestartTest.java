package io.phonegate.reaper;

import io.phonegate.common.event.CloudEventHeaders;
import io.phonegate.common.event.SignupRequested;
import io.phonegate.common.event.Topics;
import io.phonegate.common.event.UserReaped;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.kafka.RealKafkaExtension;
import io.phonegate.testsupport.kafka.TopicReader;
import io.phonegate.testsupport.kafka.TopicWriter;
import io.phonegate.testsupport.kafka.TopicWriter.Written;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.phonegate.reaper.Signups.requested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the committed offsets do while sign-ups wait, at a stop, and after a restart: the
 * second instance finds the waiting sign-ups again and reaps them at their first deadline.
 */
@RealKafka
class RestartTest {

    private static final Duration TTL = Duration.ofSeconds(10);
    /**
     * How late "on time" may be: the new instance's partition assignment, a worker picking it
     * up, two Cognito calls, the event. Shorter than the TTL, so a deadline counted again from
     * the redelivery would fail.
     */
    private static final Duration PROMPTLY = Duration.ofSeconds(7);

    @Test
    void signupsWaitingWhenTheReaperStopsAreReapedOnTimeByTheNextInstance() {
        TestTopics topics = TestTopics.create(RealKafkaExtension.bootstrapServers());
        String bootstrap = RealKafkaExtension.bootstrapServers();
        try (CognitoPool pool = CognitoPool.start();
             TopicWriter publisher = TopicWriter.open(bootstrap);
             TopicReader reapedEvents = TopicReader.open(bootstrap, topics.reaped());
             TopicReader deadLetters = TopicReader.open(bootstrap, Topics.deadLetter(topics.requested()))) {
            Map<String, String> settings = new HashMap<>(pool.settings());
            settings.put("phonegate.reaper.ttl", TTL.toString());
            Map<PhoneNumber, String> users = new HashMap<>();
            Stream.generate(Signups::newPhone).limit(3).forEach(phone -> users.put(phone, pool.createPending(phone)));
            List<SignupRequested> requests;
            Map<TopicPartition, Long> firstWaiting;
            Map<TopicPartition, Long> lastRecord;

            try (RunningReaper first = RunningReaper.start(topics, settings)) {
                requests = users.entrySet().stream().map(user -> requested(user.getKey(), user.getValue())).toList();
                List<Written> sent = requests.stream()
                        .map(request -> publisher.publish(topics.requested(), request)).toList();
                firstWaiting = sent.stream().collect(Collectors.toMap(Written::partition,
                        Written::offset, Math::min));
                List<Written> handledAtOnce = requests.stream()
                        .map(request -> publisher.send(topics.requested(), request.partitionKey(),
                                Map.of(CloudEventHeaders.TYPE, "phonegate.signup.requested.v1".getBytes(StandardCharsets.UTF_8)),
                                "not json".getBytes(StandardCharsets.UTF_8)))
                        .toList();
                lastRecord = handledAtOnce.stream().collect(Collectors.toMap(Written::partition,
                        Written::offset, Math::max));
                deadLetters.awaitRecords(record -> true, handledAtOnce.size(), Duration.ofSeconds(10));
                await().atMost(Duration.ofSeconds(10)).until(() -> first.gauge("phonegate.reaper.pending.signups") == 3);
            }

            assertThat(requests).as("stopped before any was due").allMatch(request -> pool.exists(request.phone()));
            firstWaiting.forEach((partition, offset) -> assertThat(topics.committedOffset(bootstrap, partition))
                    .as("committed offset of %s, whose first waiting sign-up is at %d, though later records were "
                            + "handled", partition, offset)
                    .isLessThanOrEqualTo(offset));

            try (RunningReaper second = RunningReaper.start(topics, settings)) {
                Instant restarted = Instant.now();
                List<UserReaped> reaped = reapedEvents.awaitEvents(UserReaped.class, event -> true, requests.size(),
                        TTL.plus(Duration.ofSeconds(20)));

                assertThat(reaped).extracting(UserReaped::userSub)
                        .containsExactlyInAnyOrderElementsOf(requests.stream().map(SignupRequested::userSub).toList());
                for (SignupRequested request : requests) {
                    Instant due = request.occurredAt().plus(TTL);
                    Instant deleted = reaped.stream().filter(e -> e.userSub().equals(request.userSub())).findFirst()
                            .orElseThrow().occurredAt();
                    Instant dueOrRestarted = due.isAfter(restarted) ? due : restarted;
                    assertThat(deleted).as("not before its deadline").isAfterOrEqualTo(due);
                    assertThat(deleted).as("deadline kept across the restart, not counted again from the redelivery")
                            .isBefore(dueOrRestarted.plus(PROMPTLY));
                    assertThat(pool.exists(request.phone())).isFalse();
                }
                lastRecord.forEach((partition, offset) -> await().atMost(Duration.ofSeconds(10))
                        .until(() -> topics.committedOffset(bootstrap, partition) > offset));
            }
        }
    }
}
