package io.phonegate.reaper;

import io.phonegate.common.event.CloudEventHeaders;
import io.phonegate.common.event.ReapReason;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.phonegate.reaper.Signups.announced;
import static io.phonegate.reaper.Signups.newPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catch-all for pending users that no event announced (the limbo users a fault left before
 * announcements came first): the full scan finds them among the CONFIRMED users, announces them on
 * the sign-up topic, and the event path reaps them a TTL later. Never a real user, never one who is
 * mid-sign-up with a fresh announcement.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatchAllScanTest {

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
        pool = CognitoPool.start();
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
    void pendingUserNoEventAnnouncedIsAnnouncedByTheScanAndReapedATtlLater() {
        PhoneNumber limbo = newPhone();
        String sub = pool.createPending(limbo);

        SignupRequestedV2 announcement = announcements.awaitEvent(SignupRequestedV2.class,
                e -> e.username().equals(limbo.e164()), PATIENCE);
        UserReaped reaped = reapedEvents.awaitEvent(UserReaped.class, e -> e.username().equals(limbo.e164()), PATIENCE);

        assertThat(announcement.phone()).isEqualTo(limbo);
        assertThat(reaped.userSub()).isEqualTo(sub);
        assertThat(reaped.reason()).isEqualTo(ReapReason.ABANDONED_SIGNUP);
        assertThat(reaped.occurredAt()).as("a TTL after the scan announced it").isAfterOrEqualTo(
                announcement.occurredAt().plus(TTL));
        assertThat(pool.exists(limbo)).isFalse();
        assertThat(reaper.count("phonegate.reaper.scan.announced")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void scanAnnouncesNoRealUserAndNoDisabledOne() {
        PhoneNumber verified = newPhone();
        PhoneNumber numberChangedByAnAdmin = newPhone();
        PhoneNumber disabled = newPhone();
        PhoneNumber verifiedByAnOlderGateway = newPhone();
        pool.createPending(verified);
        pool.verify(verified);
        pool.createPending(numberChangedByAnAdmin);
        pool.verify(numberChangedByAnAdmin);
        pool.changePhoneNumber(numberChangedByAnAdmin, newPhone());
        pool.createPending(disabled);
        pool.disable(disabled);
        pool.createPending(verifiedByAnOlderGateway);
        pool.verifyWithoutCompletionMarker(verifiedByAnOlderGateway);

        awaitAPassThatSawEveryUserMadeSoFar();

        List<String> kept = List.of(verified.e164(), numberChangedByAnAdmin.e164(), disabled.e164(),
                verifiedByAnOlderGateway.e164());
        assertThat(announcements.recordsToEnd(PATIENCE)).noneMatch(r -> kept.contains(r.key()));
        assertThat(kept).allMatch(username -> pool.exists(PhoneNumber.ofE164(username)));
    }

    @Test
    void userMidSignupWithAFreshAnnouncementIsNotDeletedBeforeATtlAfterIt() {
        PhoneNumber phone = newPhone();
        pool.createPending(phone);
        Instant created = Instant.now();
        await().atMost(PATIENCE).until(() -> Instant.now().isAfter(created.plus(TTL)));

        SignupRequestedV2 startedAgain = announced(phone);
        publisher.publish(topics.requested(), startedAgain);

        UserReaped reaped = reapedEvents.awaitEvent(UserReaped.class, e -> e.username().equals(phone.e164()), PATIENCE);
        assertThat(reaped.occurredAt()).as("never earlier than a TTL after the person's latest start")
                .isAfterOrEqualTo(startedAgain.occurredAt().plus(TTL));
    }

    /**
     * A probe user made after the others is announced by a scan that started once it was older than the
     * TTL, so once they were too; when that pass is complete, every user in the pool was looked at.
     */
    private void awaitAPassThatSawEveryUserMadeSoFar() {
        PhoneNumber probe = newPhone();
        pool.createPending(probe);
        announcements.awaitRecords(r -> probe.e164().equals(r.key())
                && "/phonegate/limbo-reaper".equals(TopicReader.header(r, CloudEventHeaders.SOURCE)), 1, PATIENCE);
        double passes = reaper.timerCount("phonegate.reaper.scan");
        await().atMost(PATIENCE).until(() -> reaper.timerCount("phonegate.reaper.scan") > passes);
    }
}
