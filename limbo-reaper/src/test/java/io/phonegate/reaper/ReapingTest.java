package io.phonegate.reaper;

import io.phonegate.common.event.CloudEventHeaders;
import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.ReapReason;
import io.phonegate.common.event.SignupCompleted;
import io.phonegate.common.event.SignupRequestedV2;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.phonegate.reaper.Signups.announced;
import static io.phonegate.reaper.Signups.newPhone;
import static io.phonegate.reaper.Signups.requested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reaper against the Cognito emulator and a real broker, with a two-second TTL. A test that
 * needs a sign-up not to become due while it runs announces it far ahead ({@link #LATER}) instead
 * of racing the TTL; "nothing was published" is read to the topic's end once the condition that
 * would have published it has passed.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReapingTest {

    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration CREATE_WINDOW = Duration.ofMinutes(1);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** When an announcement is made that must not be due before the test is over. */
    private static final Instant LATER = Instant.now().plus(Duration.ofHours(1));

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
        settings.put("phonegate.reaper.create-window", CREATE_WINDOW.toString());
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
    void signupAnnouncedBeforeTheUserExistedIsDeletedAfterTheTtlAndUserReapedIsPublished() {
        PhoneNumber phone = newPhone();
        SignupRequestedV2 announcement = announced(phone);
        publisher.publish(topics.requested(), announcement);
        String sub = pool.createPending(phone);

        UserReaped reaped = reapedEvents.awaitEvent(UserReaped.class, e -> e.username().equals(phone.e164()), PATIENCE);

        assertThat(pool.exists(phone)).isFalse();
        assertThat(reaped.userSub()).as("the sub read back from Cognito").isEqualTo(sub);
        assertThat(reaped.maskedPhone()).isEqualTo(phone.masked()).doesNotContain(phone.e164().substring(3, 9));
        assertThat(reaped.reason()).isEqualTo(ReapReason.ABANDONED_SIGNUP);
        assertThat(reaped.occurredAt()).isAfterOrEqualTo(announcement.occurredAt().plus(TTL));
        ConsumerRecord<String, byte[]> record = reapedEvents.awaitRecords(
                r -> reaped.equals(TopicReader.decode(r)), 1, PATIENCE).get(0);
        assertThat(record.key()).isEqualTo(phone.e164());
        assertThat(reaper.count("phonegate.reaper.users.reaped", "reason", "abandoned_signup", "dry_run", "false"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aCreationCutShortBeforeThePasswordWasSetIsDeletedLikeAnyPendingSignup() {
        PhoneNumber phone = newPhone();
        publisher.publish(topics.requested(), announced(phone));
        String sub = pool.createWithoutPassword(phone);

        UserReaped reaped = reapedEvents.awaitEvent(UserReaped.class, e -> e.username().equals(phone.e164()), PATIENCE);

        assertThat(reaped.userSub()).isEqualTo(sub);
        assertThat(pool.exists(phone)).isFalse();
    }

    @Test
    void signupAnnouncedByAnOlderGatewayWithItsSubIsStillDeleted() {
        PhoneNumber phone = newPhone();
        String sub = pool.createPending(phone);
        publisher.publish(topics.requested(), requested(phone, sub));

        UserReaped reaped = reapedEvents.awaitEvent(UserReaped.class, e -> e.username().equals(phone.e164()), PATIENCE);

        assertThat(reaped.userSub()).isEqualTo(sub);
        assertThat(pool.exists(phone)).isFalse();
    }

    @Test
    void announcedUserThatWasNeverCreatedIsNothingToDo() {
        PhoneNumber phone = newPhone();
        double goneBefore = kept("gone");

        Written sent = publisher.publish(topics.requested(), announced(phone));

        await().atMost(PATIENCE).until(() -> kept("gone") > goneBefore && committed(sent) > sent.offset());
        assertNoUserReapedFor(phone);
        assertThat(reaper.count("phonegate.cognito.errors", "operation", "AdminGetUser", "error", "UserNotFoundException"))
                .as("an answer, not a failure").isZero();
    }

    @Test
    void userCreatedAfterTheAnnouncementsCreateWindowBelongsToALaterStartAndIsKept() {
        PhoneNumber phone = newPhone();
        String sub = pool.createPending(phone);
        double replacedBefore = kept("replaced");

        publisher.publish(topics.requested(), announced(phone, Instant.now().minus(TTL).minus(CREATE_WINDOW)
                .minusSeconds(5)));

        await().atMost(PATIENCE).until(() -> kept("replaced") > replacedBefore);
        assertThat(pool.sub(phone)).contains(sub);
        assertNoUserReapedFor(phone);
    }

    @Test
    void completedSignupIsCancelledAndKeptWhicheverVersionAnnouncedIt() {
        PhoneNumber announcedByV2 = newPhone();
        PhoneNumber announcedByV1 = newPhone();
        publisher.publish(topics.requested(), announced(announcedByV2, LATER));
        String subV2 = pool.createPending(announcedByV2);
        String subV1 = pool.createPending(announcedByV1);
        publisher.publish(topics.requested(), requested(announcedByV1, subV1, LATER));
        double completedBefore = kept("completed");

        pool.verify(announcedByV2);
        pool.verify(announcedByV1);
        publisher.publish(topics.completed(), completion(announcedByV2, subV2, LATER.plusSeconds(40)));
        publisher.publish(topics.completed(), completion(announcedByV1, subV1, LATER.plusSeconds(40)));

        await().atMost(PATIENCE).until(() -> kept("completed") >= completedBefore + 2);
        assertThat(pool.sub(announcedByV2)).contains(subV2);
        assertThat(pool.sub(announcedByV1)).contains(subV1);
    }

    @Test
    void verifiedUserWhoseSignupCompletedWasLostIsKept() {
        PhoneNumber phone = newPhone();
        String sub = pool.createPending(phone);
        pool.verify(phone);
        double verifiedBefore = kept("verified");

        publisher.publish(topics.requested(), announced(phone));

        await().atMost(PATIENCE).until(() -> kept("verified") > verifiedBefore);
        assertThat(pool.sub(phone)).contains(sub);
        assertNoUserReapedFor(phone);
    }

    /** Issue 12: an admin changed the number of a real user, which un-verifies it; it is still never deleted. */
    @Test
    void userWhoCompletedSignupOnceIsKeptAfterAnAdminChangedItsPhoneNumber() {
        PhoneNumber phone = newPhone();
        String sub = pool.createPending(phone);
        pool.verify(phone);
        pool.changePhoneNumber(phone, newPhone());
        assertThat(pool.attributes(phone)).containsEntry("phone_number_verified", "false")
                .containsKey("custom:pg_completed");
        double verifiedBefore = kept("verified");

        publisher.publish(topics.requested(), announced(phone));

        await().atMost(PATIENCE).until(() -> kept("verified") > verifiedBefore);
        assertThat(pool.sub(phone)).contains(sub);
        assertNoUserReapedFor(phone);
    }

    @Test
    void numberSignedUpAgainAsANewUserBeforeTheOldDeadlineKeepsTheNewUser() {
        PhoneNumber phone = newPhone();
        String oldSub = pool.createPending(phone);
        pool.delete(phone);
        String newSub = pool.createPending(phone);
        double replacedBefore = kept("replaced");

        publisher.publish(topics.requested(), requested(phone, oldSub));

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

        publisher.publish(topics.requested(), announced(phone));

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
                "phonegate_reaper_users_kept_total{application=\"limbo-reaper\",reason=\"not_pending\"}",
                "phonegate_reaper_scan_announced_total{application=\"limbo-reaper\"}",
                "phonegate_reaper_sweep_seconds_count{application=\"limbo-reaper\"}",
                "phonegate_reaper_sweep_seconds_max{application=\"limbo-reaper\"}",
                "phonegate_cognito_pool_suitable{application=\"limbo-reaper\"} 1.0",
                "phonegate_cognito_pool_mismatches{application=\"limbo-reaper\"} 0.0",
                "phonegate_cognito_pool_check_failures_total{application=\"limbo-reaper\",error=\"CognitoUnavailableException\"}");
    }

    @Test
    void undecodableRecordGoesToTheDeadLetterTopicWithItsReasonAndIsCommitted() {
        PhoneNumber phone = newPhone();
        Map<String, byte[]> headers = new EventCodec().headers(announced(phone), "/phonegate/test");
        byte[] body = "{\"username\":\"no phone\"}".getBytes(StandardCharsets.UTF_8);
        Written sent = publisher.send(topics.requested(), phone.e164(), headers, body);

        try (TopicReader deadLetters = TopicReader.open(RealKafkaExtension.bootstrapServers(),
                Topics.deadLetter(topics.requested()))) {
            ConsumerRecord<String, byte[]> deadLetter = deadLetters.awaitRecords(r -> phone.e164().equals(r.key()), 1,
                    PATIENCE).get(0);
            assertThat(TopicReader.header(deadLetter, CloudEventHeaders.DLQ_REASON))
                    .isEqualTo("invalid SignupRequestedV2: eventId is required");
            assertThat(TopicReader.header(deadLetter, CloudEventHeaders.TYPE)).isEqualTo("phonegate.signup.requested.v2");
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

    private double kept(String reason) {
        return reaper.count("phonegate.reaper.users.kept", "reason", reason);
    }

    private static SignupCompleted completion(PhoneNumber phone, String sub, Instant at) {
        return new SignupCompleted(UUID.randomUUID(), at, phone, phone.e164(), sub);
    }

    /** Called once the decision that would have published it was made: reads everything published so far. */
    private void assertNoUserReapedFor(PhoneNumber phone) {
        assertThat(reapedEvents.recordsToEnd(PATIENCE)).noneMatch(r -> phone.e164().equals(r.key()));
    }
}
