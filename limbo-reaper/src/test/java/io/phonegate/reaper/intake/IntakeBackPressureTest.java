package io.phonegate.reaper.intake;

import io.phonegate.common.event.SignupRequested;
import io.phonegate.reaper.FakeUserDirectory;
import io.phonegate.reaper.RunningReaper;
import io.phonegate.reaper.TestTopics;
import io.phonegate.reaper.WithFakeDirectory;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.kafka.RealKafkaExtension;
import io.phonegate.testsupport.kafka.TopicWriter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.phonegate.reaper.Signups.completed;
import static io.phonegate.reaper.Signups.newPhone;
import static io.phonegate.reaper.Signups.requested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@RealKafka
class IntakeBackPressureTest {

    private static final int MAX_PENDING = 5;
    private static final int MAX_POLL_RECORDS = 1;

    @Test
    void fullSchedulePausesRequestsWhileCompletionsStillFlow() throws Exception {
        TestTopics topics = TestTopics.create(RealKafkaExtension.bootstrapServers());
        List<SignupRequested> requests = new ArrayList<>();
        AtomicInteger mostPending = new AtomicInteger();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try (RunningReaper reaper = RunningReaper.start(topics, Map.of(
                "phonegate.reaper.ttl", "4s",
                "phonegate.reaper.max-pending", String.valueOf(MAX_PENDING),
                "spring.cloud.stream.kafka.binder.consumer-properties.max.poll.records", String.valueOf(MAX_POLL_RECORDS)),
                WithFakeDirectory.class);
             TopicWriter publisher = TopicWriter.open(RealKafkaExtension.bootstrapServers())) {
            sampler.scheduleAtFixedRate(() -> mostPending.accumulateAndGet(
                    (int) reaper.gauge("phonegate.reaper.pending.signups"), Math::max), 0, 2, TimeUnit.MILLISECONDS);
            for (int i = 0; i < 2 * MAX_PENDING; i++) {
                requests.add(requested(newPhone(), UUID.randomUUID().toString()));
            }
            requests.forEach(request -> publisher.publish(topics.requested(), request));
            await().atMost(Duration.ofSeconds(10)).until(() -> reaper.gauge("phonegate.reaper.pending.signups") >= MAX_PENDING);

            requests.forEach(request -> publisher.publish(topics.completed(), completed(request.phone(), request.userSub())));

            FakeUserDirectory directory = reaper.bean(FakeUserDirectory.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> directory.asked().size()
                    + reaper.count("phonegate.reaper.users.kept", "reason", "completed") == requests.size());
            assertThat(reaper.count("phonegate.reaper.users.kept", "reason", "completed"))
                    .as("the sign-ups held when reading paused were cancelled by completions read meanwhile")
                    .isGreaterThanOrEqualTo(MAX_PENDING);
            assertThat(directory.asked()).extracting(FakeUserDirectory.Ask::username).doesNotHaveDuplicates()
                    .isSubsetOf(requests.stream().map(SignupRequested::username).toList());
        } finally {
            sampler.shutdownNow();
        }
        assertThat(mostPending.get()).isLessThanOrEqualTo(MAX_PENDING + MAX_POLL_RECORDS);
    }
}
