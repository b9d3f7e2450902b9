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

/**
 * The memory cap, with an hour's TTL: no sign-up becomes due while the test runs, so every count
 * below comes from the intake alone (pausing, completions cancelling), never from a deadline racing it.
 */
@RealKafka
class IntakeBackPressureTest {

    private static final int MAX_PENDING = 5;
    private static final int MAX_POLL_RECORDS = 1;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void fullSchedulePausesRequestsWhileCompletionsStillFlow() {
        TestTopics topics = TestTopics.create(RealKafkaExtension.bootstrapServers());
        List<SignupRequested> requests = new ArrayList<>();
        AtomicInteger mostPending = new AtomicInteger();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try (RunningReaper reaper = RunningReaper.start(topics, Map.of(
                "phonegate.reaper.ttl", "1h",
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
            await().atMost(PATIENCE).until(() -> pending(reaper) >= MAX_PENDING);

            requests.forEach(request -> publisher.publish(topics.completed(), completed(request.phone(), request.userSub())));

            // Every request ends either cancelled by its completion or waiting (its completion was read before it).
            await().atMost(PATIENCE).until(() -> keptCompleted(reaper) + pending(reaper) == requests.size());
            assertThat(keptCompleted(reaper))
                    .as("the sign-ups held when reading paused were cancelled by completions read meanwhile")
                    .isGreaterThanOrEqualTo(MAX_PENDING);
            assertThat(reaper.bean(FakeUserDirectory.class).asked()).as("nothing became due").isEmpty();
        } finally {
            sampler.shutdownNow();
        }
        assertThat(mostPending.get()).isLessThanOrEqualTo(MAX_PENDING + MAX_POLL_RECORDS);
    }

    private static double pending(RunningReaper reaper) {
        return reaper.gauge("phonegate.reaper.pending.signups");
    }

    private static double keptCompleted(RunningReaper reaper) {
        return reaper.count("phonegate.reaper.users.kept", "reason", "completed");
    }
}
