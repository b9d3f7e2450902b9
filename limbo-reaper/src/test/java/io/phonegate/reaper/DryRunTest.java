package io.phonegate.reaper;

import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.kafka.RealKafkaExtension;
import io.phonegate.testsupport.kafka.TopicReader;
import io.phonegate.testsupport.kafka.TopicWriter;
import io.phonegate.testsupport.kafka.TopicWriter.Written;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.phonegate.reaper.Signups.announced;
import static io.phonegate.reaper.Signups.newPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@RealKafka
class DryRunTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void dryRunCountsWhatItWouldDeleteAndDeletesAndPublishesNothing() {
        String bootstrap = RealKafkaExtension.bootstrapServers();
        TestTopics topics = TestTopics.create(bootstrap);
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
                 TopicWriter publisher = TopicWriter.open(bootstrap);
                 TopicReader reapedEvents = TopicReader.open(bootstrap, topics.reaped())) {
                Written request = publisher.publish(topics.requested(), announced(abandoned));

                await().atMost(PATIENCE).until(() ->
                        reaper.count("phonegate.reaper.users.reaped", "reason", "abandoned_signup", "dry_run", "true") >= 1
                        && reaper.count("phonegate.reaper.users.reaped", "reason", "unconfirmed_sweep", "dry_run", "true") >= 1);
                long sweepsSoFar = reaper.timerCount("phonegate.reaper.sweep");
                // Handled to the end: the sign-up's record is committed (released after the handler returned),
                // and a sweep pass that began after the dry-run decision has finished too.
                await().atMost(PATIENCE).until(() ->
                        topics.committedOffset(bootstrap, request.partition()) > request.offset()
                        && reaper.timerCount("phonegate.reaper.sweep") > sweepsSoFar);

                assertThat(pool.sub(abandoned)).contains(abandonedSub);
                assertThat(pool.sub(unconfirmed)).contains(unconfirmedSub);
                assertThat(pool.emulator().callCount("AdminDeleteUser")).isZero();
                assertThat(reaper.count("phonegate.reaper.users.reaped", "dry_run", "false")).isZero();
                assertThat(reapedEvents.recordsToEnd(PATIENCE)).isEmpty();
            }
        }
    }
}
