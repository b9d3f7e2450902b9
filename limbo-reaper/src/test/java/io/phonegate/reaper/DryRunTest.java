package io.phonegate.reaper;

import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.kafka.RealKafkaExtension;
import io.phonegate.testsupport.kafka.TopicReader;
import io.phonegate.testsupport.kafka.TopicWriter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.phonegate.reaper.Signups.newPhone;
import static io.phonegate.reaper.Signups.requested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@RealKafka
class DryRunTest {

    @Test
    void dryRunCountsWhatItWouldDeleteAndDeletesAndPublishesNothing() {
        TestTopics topics = TestTopics.create(RealKafkaExtension.bootstrapServers());
        try (CognitoPool pool = CognitoPool.start()) {
            Map<String, String> settings = new HashMap<>(pool.settings());
            settings.put("phonegate.reaper.ttl", "2s");
            settings.put("phonegate.reaper.sweep-interval", "1s");
            settings.put("phonegate.reaper.dry-run", "true");
            PhoneNumber abandoned = newPhone();
            PhoneNumber unconfirmed = newPhone();
            String abandonedSub = pool.createPending(abandoned);
            String unconfirmedSub = pool.createUnconfirmed(unconfirmed);

            try (RunningReaper reaper = RunningReaper.start(topics, settings);
                 TopicWriter publisher = TopicWriter.open(RealKafkaExtension.bootstrapServers());
                 TopicReader reapedEvents = TopicReader.open(RealKafkaExtension.bootstrapServers(), topics.reaped())) {
                publisher.publish(topics.requested(), requested(abandoned, abandonedSub));

                await().atMost(Duration.ofSeconds(20)).until(() ->
                        reaper.count("phonegate.reaper.users.reaped", "reason", "abandoned_signup", "dry_run", "true") >= 1
                        && reaper.count("phonegate.reaper.users.reaped", "reason", "unconfirmed_sweep", "dry_run", "true") >= 1);

                assertThat(pool.sub(abandoned)).contains(abandonedSub);
                assertThat(pool.sub(unconfirmed)).contains(unconfirmedSub);
                assertThat(pool.emulator().callCount("AdminDeleteUser")).isZero();
                assertThat(reaper.count("phonegate.reaper.users.reaped", "dry_run", "false")).isZero();
                assertThat(reapedEvents.recordsAfter(Duration.ofMillis(500))).isEmpty();
            }
        }
    }
}
