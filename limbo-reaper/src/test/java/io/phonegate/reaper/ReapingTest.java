package io.phonegate.reaper;

import io.phonegate.common.event.CloudEventHeaders;
import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.ReapReason;
import io.phonegate.common.event.SignupRequested;
import io.phonegate.common.event.Topics;
import io.phonegate.common.event.UserReaped;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.kafka.RealKafkaExtension;
import io.phonegate.testsupport.kafka.TopicReader;
import io.phonegate.testsupport.kafka.TopicWriter;
import io.phonegate.testsupport.kafka.TopicWriter.Written;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.phonegate.reaper.Signups.completed;
import static io.phonegate.reaper.Signups.newPhone;
import static io.phonegate.reaper.Signups.requested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The reaper against the Cognito emulator and a real broker, with a two-second TTL. */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReapingTest {

    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private CognitoPool pool;
    private TestTopics topics;
    private RunningReaper reaper;
    private TopicWriter publisher;
    private TopicReader reapedEvents;

    @BeforeAll
    void start() {
        pool = CognitoPool.start();
        topics = TestTopics.create(RealKafkaExtension.bootstrapServers());
        Map<String, String> settings = new HashMap<>(pool.settings());
        settings.put("phonegate.reaper.ttl", TTL.toString());
        settings.put("phonegate.reaper.sweep-interval", "1s");
        reaper = RunningReaper.startWithHttp(topics, settings);
        publisher = TopicWriter.open(RealKafkaExtension.bootstrapServers());
        reapedEvents = TopicReader.open(RealKafkaExtension.bootstrapServers(), topics.reaped());
    }

    @AfterAll
    void stop() {
        reapedEvents.close();
        publisher.close();
        reaper.close();
        pool.close();
    }

    @Test
    void abandonedSignupIsDeletedAfterTheTtlAndUserReapedIsPublished() {
        PhoneNumber phone = newPhone();
        SignupRequested request = requested(phone, pool.createPending(phone));
        publisher.publish(topics.requested(), request);

        UserReaped reaped = reapedEvents.awaitEvent(UserReaped.class, e -> e.username().equals(phone.e164()), PATIENCE);

        assertThat(pool.exists(phone)).isFalse();
        assertThat(reaped.userSub()).isEqualTo(request.userSub());
        assertThat(reaped.maskedPhone()).isEqualTo(phone.masked()).doesNotContain(phone.e164().substring(3, 9));
        assertThat(reaped.reason()).isEqualTo(ReapReason.ABANDONED_SIGNUP);
        assertThat(reaped.occurredAt()).isAfterOrEqualTo(request.occurredAt().plus(TTL));
        ConsumerRecord<String, byte[]> record = reapedEvents.awaitRecords(
                r -> reaped.equals(TopicReader.decode(r)), 1, PATIENCE).get(0);
        assertThat(record.key()).isEqualTo(phone.e164());
        assertThat(reaper.count("phonegate.reaper.users.reaped", "reason", "abandoned_signup", "dry_run", "false"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void completedSignupIsKept() {
        PhoneNumber phone = newPhone();
        String sub = pool.createPending(phone);
        double completedBefore = kept("completed");
        publisher.publish(topics.requested(), requested(phone, sub));
        pool.verify(phone);
        publisher.publish(topics.completed(), completed(phone, sub));

        await().atMost(PATIENCE).until(() -> kept("completed") > completedBefore);
        awaitAnAbandonedSignupRequestedNowToBeReaped();
        assertThat(pool.sub(phone)).contains(sub);
        assertNoUserReapedFor(phone);
    }

    @Test
    void verifiedUserWhoseSignupCompletedWasLostIsKept() {
        PhoneNumber phone = newPhone();
        String sub = pool.createPending(phone);
        double verifiedBefore = kept("verified");
        publisher.publish(topics.requested(), requested(phone, sub));
        pool.verify(phone);

        await().atMost(PATIENCE).until(() -> kept("verified") > verifiedBefore);
        assertThat(pool.sub(phone)).contains(sub);
        assertNoUserReapedFor(phone);
    }

    @Test
    void numberSignedUpAgainAsANewUserBeforeTheOldDeadlineKeepsTheNewUser() {
        PhoneNumber phone = newPhone();
        String oldSub = pool.createPending(phone);
        double replacedBefore = kept("replaced");
        publisher.publish(topics.requested(), requested(phone, oldSub));
        pool.delete(phone);
        String newSub = pool.createPending(phone);

        await().atMost(PATIENCE).until(() -> kept("replaced") > replacedBefore);
        assertThat(pool.sub(phone)).as("the new user, still pending itself, outlives the old deadline").contains(newSub);
        assertNoUserReapedFor(phone);
    }

    @Test
    void pendingUserAnOperatorDisabledIsKept() {
        PhoneNumber phone = newPhone();
        String sub = pool.createPending(phone);
        pool.disable(phone);
        double disabledBefore = kept("disabled");
        publisher.publish(topics.requested(), requested(phone, sub));

        await().atMost(PATIENCE).until(() -> kept("disabled") > disabledBefore);
        assertThat(pool.sub(phone)).contains(sub);
    }

    @Test
    void unconfirmedUserThatNoEventAnnouncedIsRemovedByTheSweep() {
        PhoneNumber phone = newPhone();
        String sub = pool.createUnconfirmed(phone);

        UserReaped reaped = reapedEvents.awaitEvent(UserReaped.class, e -> e.username().equals(phone.e164()), PATIENCE);

        assertThat(pool.exists(phone)).isFalse();
        assertThat(reaped.reason()).isEqualTo(ReapReason.UNCONFIRMED_SWEEP);
        assertThat(reaped.userSub()).isEqualTo(sub);
        assertThat(reaped.maskedPhone()).isEqualTo(phone.masked());
        assertThat(reaper.count("phonegate.reaper.users.reaped", "reason", "unconfirmed_sweep", "dry_run", "false"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void prometheusEndpointShowsTheReaperMetricsByTheirContractNames() throws Exception {
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + reaper.port() + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains(
                "phonegate_reaper_pending_signups{application=\"limbo-reaper\"}",
                "phonegate_reaper_users_reaped_total{application=\"limbo-reaper\",dry_run=\"false\",reason=\"abandoned_signup\"}",
                "phonegate_reaper_users_reaped_total{application=\"limbo-reaper\",dry_run=\"true\",reason=\"unconfirmed_sweep\"}",
                "phonegate_reaper_users_kept_total{application=\"limbo-reaper\",reason=\"verified\"}",
                "phonegate_reaper_users_kept_total{application=\"limbo-reaper\",reason=\"completed\"}",
                "phonegate_reaper_users_kept_total{application=\"limbo-reaper\",reason=\"replaced\"}",
                "phonegate_reaper_users_kept_total{application=\"limbo-reaper\",reason=\"gone\"}",
                "phonegate_reaper_sweep_seconds_count{application=\"limbo-reaper\"}",
                "phonegate_reaper_sweep_seconds_max{application=\"limbo-reaper\"}");
    }

    @Test
    void undecodableRecordGoesToTheDeadLetterTopicWithItsReasonAndIsCommitted() {
        PhoneNumber phone = newPhone();
        Map<String, byte[]> headers = new EventCodec().headers(requested(phone, "sub"), "/phonegate/test");
        byte[] body = "{\"username\":\"no phone\"}".getBytes(StandardCharsets.UTF_8);
        Written sent = publisher.send(topics.requested(), phone.e164(), headers, body);

        try (TopicReader deadLetters = TopicReader.open(RealKafkaExtension.bootstrapServers(),
                Topics.deadLetter(topics.requested()))) {
            ConsumerRecord<String, byte[]> deadLetter = deadLetters.awaitRecords(r -> phone.e164().equals(r.key()), 1,
                    PATIENCE).get(0);
            assertThat(TopicReader.header(deadLetter, CloudEventHeaders.DLQ_REASON))
                    .isEqualTo("invalid SignupRequested: eventId is required");
            assertThat(TopicReader.header(deadLetter, CloudEventHeaders.TYPE)).isEqualTo("phonegate.signup.requested.v1");
            assertThat(deadLetter.value()).isEqualTo(body);
        }
        await().atMost(PATIENCE).until(() -> reaper.count("phonegate.dead.letters", "topic", topics.requested()) == 1);
        await().atMost(PATIENCE).until(() -> committed(sent) > sent.offset());
    }

    @Test
    void recordOfAnUnknownTypeIsSkippedAndCommitted() {
        PhoneNumber phone = newPhone();
        Written sent = publisher.send(topics.completed(), phone.e164(),
                Map.of(CloudEventHeaders.TYPE, "phonegate.signup.completed.v9".getBytes(StandardCharsets.UTF_8)),
                "{}".getBytes(StandardCharsets.UTF_8));

        await().atMost(PATIENCE).until(() -> committed(sent) > sent.offset());
        assertThat(reaper.count("phonegate.dead.letters", "topic", topics.completed())).isZero();
    }

    private long committed(Written record) {
        return topics.committedOffset(RealKafkaExtension.bootstrapServers(), record.partition());
    }

    /** Once a sign-up published after this point is reaped, every deadline before it has passed too. */
    private void awaitAnAbandonedSignupRequestedNowToBeReaped() {
        PhoneNumber probe = newPhone();
        publisher.publish(topics.requested(), requested(probe, pool.createPending(probe)));
        reapedEvents.awaitEvent(UserReaped.class, e -> e.username().equals(probe.e164()), PATIENCE);
    }

    private double kept(String reason) {
        return reaper.count("phonegate.reaper.users.kept", "reason", reason);
    }

    private void assertNoUserReapedFor(PhoneNumber phone) {
        assertThat(reapedEvents.recordsAfter(Duration.ofMillis(200)))
                .noneMatch(r -> phone.e164().equals(r.key()));
    }
}
