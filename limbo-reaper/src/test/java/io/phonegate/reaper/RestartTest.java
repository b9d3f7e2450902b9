package io.phonegate.reaper;

import io.phonegate.common.event.CloudEventHeaders;
import io.phonegate.common.event.SignupRequestedV2;
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

import static io.phonegate.reaper.Signups.announced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the committed offsets do while sign-ups wait, at a stop, and after a restart: the second
 * instance finds the waiting sign-ups again and reaps them at their first deadline.
 *
 * <p>The TTL is an hour and the sign-ups are announced as if 20 s short of it, so a deadline kept
 * across the restart comes within seconds while one counted again from the redelivery would be an
 * hour away: the two cannot be mistaken for each other, however slow the machine.
 */
@RealKafka
class RestartTest {

    private static final Duration TTL = Duration.ofHours(1);
    /** How long the first instance has to read the sign-ups and stop before they are due. */
    private static final Duration BEFORE_DUE = Duration.ofSeconds(20);

    @Test
    void signupsWaitingWhenTheReaperStopsAreReapedAtTheirFirstDeadlineByTheNextInstance() {
        TestTopics topics = TestTopics.create(RealKafkaExtension.bootstrapServers());
        String bootstrap = RealKafkaExtension.bootstrapServers();
        try (CognitoPool pool = CognitoPool.start();
             TopicWriter publisher = TopicWriter.open(bootstrap);
             TopicReader reapedEvents = TopicReader.open(bootstrap, topics.reaped());
             TopicReader deadLetters = TopicReader.open(bootstrap, Topics.deadLetter(topics.requested()))) {
            Map<String, String> settings = new HashMap<>(pool.settings());
            settings.put("phonegate.reaper.ttl", TTL.toString());
            // The announcements below are dated an hour back, before their users were made: this test is
            // about offsets and deadlines, not about telling a later user of the same number apart.
            settings.put("phonegate.reaper.create-window", "2h");
            List<PhoneNumber> phones = Stream.generate(Signups::newPhone).limit(3).toList();
            Map<PhoneNumber, String> subs = new HashMap<>();
            List<SignupRequestedV2> requests;
            Map<TopicPartition, Long> firstWaiting;
            Map<TopicPartition, Long> lastRecord;

            try (RunningReaper first = RunningReaper.start(topics, settings)) {
                awaitReading(topics, publisher, bootstrap);
                phones.forEach(phone -> subs.put(phone, pool.createPending(phone)));
                Instant announcedAt = Instant.now().minus(TTL).plus(BEFORE_DUE);
                requests = phones.stream().map(phone -> announced(phone, announcedAt)).toList();
                List<Written> sent = requests.stream()
                        .map(request -> publisher.publish(topics.requested(), request)).toList();
                firstWaiting = sent.stream().collect(Collectors.toMap(Written::partition,
                        Written::offset, Math::min));
                List<Written> handledAtOnce = requests.stream()
                        .map(request -> publisher.send(topics.requested(), request.partitionKey(),
                                Map.of(CloudEventHeaders.TYPE, "phonegate.signup.requested.v2".getBytes(StandardCharsets.UTF_8)),
                                "not json".getBytes(StandardCharsets.UTF_8)))
                        .toList();
                lastRecord = handledAtOnce.stream().collect(Collectors.toMap(Written::partition,
                        Written::offset, Math::max));
                deadLetters.awaitRecords(record -> true, handledAtOnce.size(), Duration.ofSeconds(15));
                await().atMost(Duration.ofSeconds(15)).until(() -> first.gauge("phonegate.reaper.pending.signups") == 3);
            }

            assertThat(phones).as("stopped before any was due").allMatch(pool::exists);
            firstWaiting.forEach((partition, offset) -> assertThat(topics.committedOffset(bootstrap, partition))
                    .as("committed offset of %s, whose first waiting sign-up is at %d, though later records were "
                            + "handled", partition, offset)
                    .isLessThanOrEqualTo(offset));

            try (RunningReaper second = RunningReaper.start(topics, settings)) {
                List<UserReaped> reaped = reapedEvents.awaitEvents(UserReaped.class, event -> true, requests.size(),
                        BEFORE_DUE.plus(Duration.ofMinutes(2)));

                assertThat(reaped).extracting(UserReaped::userSub).containsExactlyInAnyOrderElementsOf(subs.values());
                for (SignupRequestedV2 request : requests) {
                    Instant due = request.occurredAt().plus(TTL);
                    Instant deleted = reaped.stream().filter(e -> e.username().equals(request.username())).findFirst()
                            .orElseThrow().occurredAt();
                    assertThat(deleted).as("not before its deadline").isAfterOrEqualTo(due);
                    assertThat(deleted).as("its first deadline, not one counted again from the redelivery")
                            .isBefore(due.plus(TTL.dividedBy(2)));
                    assertThat(pool.exists(request.phone())).isFalse();
                }
                lastRecord.forEach((partition, offset) -> await().atMost(Duration.ofSeconds(15))
                        .until(() -> topics.committedOffset(bootstrap, partition) > offset));
            }
        }
    }

    /** A record of a type the reaper skips is committed once its consumer has partitions and reads. */
    private static void awaitReading(TestTopics topics, TopicWriter publisher, String bootstrap) {
        List<Written> probes = Stream.of("+919800000001", "+919800000002", "+919800000003", "+919800000004")
                .map(key -> publisher.send(topics.completed(), key,
                        Map.of(CloudEventHeaders.TYPE, "phonegate.probe.v1".getBytes(StandardCharsets.UTF_8)),
                        "{}".getBytes(StandardCharsets.UTF_8)))
                .toList();
        probes.forEach(probe -> await().atMost(Duration.ofSeconds(30))
                .until(() -> topics.committedOffset(bootstrap, probe.partition()) > probe.offset()));
    }
}
