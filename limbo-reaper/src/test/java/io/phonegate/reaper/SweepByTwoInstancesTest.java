package io.phonegate.reaper;

import io.phonegate.common.event.ReapReason;
import io.phonegate.common.event.UserReaped;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.kafka.RealKafkaExtension;
import io.phonegate.testsupport.kafka.TopicReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every instance sweeps; the README says that is harmless. Two do it here, each every second. */
@RealKafka
class SweepByTwoInstancesTest {

    @Test
    void twoInstancesSweepingTheSamePoolDeleteEachUserOnceAndPublishOneEvent() {
        TestTopics topics = TestTopics.create(RealKafkaExtension.bootstrapServers());
        try (CognitoPool pool = CognitoPool.start();
             TopicReader reapedEvents = TopicReader.open(RealKafkaExtension.bootstrapServers(), topics.reaped())) {
            Map<String, String> settings = new HashMap<>(pool.settings());
            settings.put("phonegate.reaper.ttl", "1s");
            settings.put("phonegate.reaper.sweep-interval", "1s");
            List<PhoneNumber> unconfirmed = Stream.generate(Signups::newPhone).limit(20).toList();

            try (RunningReaper first = RunningReaper.start(topics, settings);
                 RunningReaper second = RunningReaper.start(topics, settings)) {
                unconfirmed.forEach(pool::createUnconfirmed);
                List<UserReaped> reaped = reapedEvents.awaitEvents(UserReaped.class, event -> true, unconfirmed.size(),
                        Duration.ofSeconds(30));

                assertThat(reaped).extracting(UserReaped::username)
                        .containsExactlyInAnyOrderElementsOf(unconfirmed.stream().map(PhoneNumber::e164).toList());
                assertThat(reaped).extracting(UserReaped::reason).containsOnly(ReapReason.UNCONFIRMED_SWEEP);
                awaitOneMoreSweepByEach(first, second);
                assertThat(reapedEvents.recordsToEnd(Duration.ofSeconds(30))).as("no second event for any user")
                        .hasSize(unconfirmed.size());
                assertThat(unconfirmed).noneMatch(pool::exists);
                assertThat(reapedCount(first) + reapedCount(second)).as("each user counted as reaped once")
                        .isEqualTo(unconfirmed.size());
            }
        }
    }

    /** Both instances finished a pass that began after the last deletion: a second event would be out by now. */
    private static void awaitOneMoreSweepByEach(RunningReaper first, RunningReaper second) {
        long firstPasses = first.timerCount("phonegate.reaper.sweep");
        long secondPasses = second.timerCount("phonegate.reaper.sweep");
        await().atMost(Duration.ofSeconds(30)).until(() -> first.timerCount("phonegate.reaper.sweep") > firstPasses + 1
                && second.timerCount("phonegate.reaper.sweep") > secondPasses + 1);
    }

    private static double reapedCount(RunningReaper reaper) {
        return reaper.count("phonegate.reaper.users.reaped", "reason", "unconfirmed_sweep", "dry_run", "false");
    }
}
