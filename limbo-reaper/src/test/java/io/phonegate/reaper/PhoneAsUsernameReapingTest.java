package io.phonegate.reaper;

import io.phonegate.common.event.SignupRequestedV2;
import io.phonegate.common.event.UserReaped;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.kafka.RealKafkaExtension;
import io.phonegate.testsupport.kafka.TopicReader;
import io.phonegate.testsupport.kafka.TopicWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.phonegate.reaper.Signups.announced;
import static io.phonegate.reaper.Signups.newPhone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pool where the phone number is a username attribute: Cognito names each user itself, so the reaper
 * knows Phonegate's users by their {@code phone_number}, announces and deletes them by number (which
 * Cognito's admin calls accept), as the gateway announces them.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhoneAsUsernameReapingTest {

    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration PATIENCE = Duration.ofSeconds(40);

    private CognitoPool pool;
    private TestTopics topics;
    private RunningReaper reaper;
    private TopicWriter publisher;
    private TopicReader reapedEvents;
    private TopicReader announcements;

    @BeforeAll
    void start() {
        pool = CognitoPool.start(s -> s.withUserPool(s.userPool().withUsernameAttributes("phone_number")));
        topics = TestTopics.create(RealKafkaExtension.bootstrapServers());
        Map<String, String> settings = new HashMap<>(pool.settings());
        settings.put("phonegate.reaper.ttl", TTL.toString());
        settings.put("phonegate.reaper.scan-interval", "3s");
        settings.put("phonegate.reaper.scan-pages-per-second", "50");
        reaper = RunningReaper.start(topics, settings);
        publisher = TopicWriter.open(RealKafkaExtension.bootstrapServers());
        reapedEvents = TopicReader.open(RealKafkaExtension.bootstrapServers(), topics.reaped());
        announcements = TopicReader.open(RealKafkaExtension.bootstrapServers(), topics.requested());
    }

    @AfterAll
    void stop() {
        announcements.close();
        reapedEvents.close();
        publisher.close();
        reaper.close();
        pool.close();
    }

    @Test
    void anAnnouncedSignupIsDeletedByNumber() {
        PhoneNumber phone = newPhone();
        publisher.publish(topics.requested(), announced(phone));
        String sub = pool.createPending(phone);

        UserReaped reaped = reapedEvents.awaitEvent(UserReaped.class, e -> e.username().equals(phone.e164()), PATIENCE);

        assertThat(reaped.userSub()).isEqualTo(sub);
        assertThat(pool.exists(phone)).isFalse();
    }

    @Test
    void aPendingUserNoEventAnnouncedIsFoundByItsNumberAnnouncedUnderItAndReaped() {
        PhoneNumber limbo = newPhone();
        String sub = pool.createPending(limbo);

        SignupRequestedV2 announcement = announcements.awaitEvent(SignupRequestedV2.class,
                e -> e.phone().equals(limbo), PATIENCE);
        UserReaped reaped = reapedEvents.awaitEvent(UserReaped.class, e -> e.username().equals(limbo.e164()), PATIENCE);

        assertThat(announcement.username()).as("under the number, not Cognito's name for the user").isEqualTo(limbo.e164());
        assertThat(reaped.userSub()).isEqualTo(sub);
        assertThat(pool.exists(limbo)).isFalse();
    }
}
