package io.phonegate.reaper;

import io.phonegate.common.event.SignupRequestedV2;
import io.phonegate.common.event.UserReaped;
import io.phonegate.devstack.cognito.CognitoEmulator;
import io.phonegate.devstack.cognito.QuotaCategory;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.kafka.RealKafkaExtension;
import io.phonegate.testsupport.kafka.TopicReader;
import io.phonegate.testsupport.kafka.TopicWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.IntStream;

import static io.phonegate.reaper.Signups.newPhone;
import static io.phonegate.reaper.Signups.announced;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bursts of due users against Cognito's request-rate quotas (the emulator's token buckets).
 * The reaper may make {@value #RATE} calls per second, all operations together; without that
 * limit its four workers would make over a thousand a second here (an emulator answer takes
 * ~3 ms), far above the {@value #QUOTA} per category that the first test allows.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CognitoQuotaTest {

    private static final int RATE = 200;
    /** Per category: a user costs one read (UserRead) and one delete (UserUpdate), so each gets half the rate. */
    private static final int QUOTA = 120;

    private CognitoPool pool;
    private CognitoEmulator emulator;
    private TestTopics topics;
    private RunningReaper reaper;
    private TopicWriter publisher;
    private TopicReader reapedEvents;

    @BeforeAll
    void start() {
        pool = CognitoPool.start();
        emulator = pool.emulator();
        topics = TestTopics.create(RealKafkaExtension.bootstrapServers());
        Map<String, String> settings = new HashMap<>(pool.settings());
        settings.put("phonegate.reaper.ttl", "1s");
        settings.put("phonegate.reaper.cognito-rate", String.valueOf(RATE));
        reaper = RunningReaper.start(topics, settings);
        publisher = TopicWriter.open(RealKafkaExtension.bootstrapServers());
        reapedEvents = TopicReader.open(RealKafkaExtension.bootstrapServers(), topics.reaped());
    }

    @AfterEach
    void quotasOff() {
        emulator.setQuotas(Map.of());
    }

    @AfterAll
    void stop() {
        reapedEvents.close();
        publisher.close();
        reaper.close();
        pool.close();
    }

    /**
     * Proves that at its configured rate the reaper stays under the quotas: not one call is
     * throttled, and each user costs exactly one read and one delete (a throttled call would
     * have been made again).
     */
    @Test
    void fiveHundredDueUsersAreAllReapedWithoutOneCallOverTheQuota() {
        List<SignupRequestedV2> requests = pendingUsers(500);
        emulator.resetCallCounts();
        long throttledBefore = emulator.throttledCount();
        emulator.setQuotas(Map.of(QuotaCategory.USER_READ, QUOTA, QuotaCategory.USER_UPDATE, QUOTA));

        publisher.publishAll(topics.requested(), requests);
        awaitReaped(requests, Duration.ofSeconds(60));

        assertThat(emulator.throttledCount() - throttledBefore).isZero();
        assertThat(emulator.callCount("AdminGetUser")).isEqualTo(500);
        assertThat(emulator.callCount("AdminDeleteUser")).isEqualTo(500);
        assertAllGone(requests);
    }

    /** Proves the back-off: with quotas far under the reaper's rate, calls are throttled, yet every user is reaped. */
    @Test
    void burstOverTheQuotaIsWorkedOffWithBackOffNotDropped() {
        List<SignupRequestedV2> requests = pendingUsers(60);
        long throttledBefore = emulator.throttledCount();
        emulator.setQuotas(Map.of(QuotaCategory.USER_READ, 10, QuotaCategory.USER_UPDATE, 10));

        publisher.publishAll(topics.requested(), requests);
        awaitReaped(requests, Duration.ofSeconds(90));

        assertThat(emulator.throttledCount() - throttledBefore).isPositive();
        assertThat(reaper.count("phonegate.cognito.errors", "error", "TooManyRequestsException")).isPositive();
        assertAllGone(requests);
    }

    private List<SignupRequestedV2> pendingUsers(int count) {
        return inParallel(IntStream.range(0, count).mapToObj(i -> newPhone()).toList(),
                phone -> {
                    pool.createPending(phone);
                    return announced(phone);
                });
    }

    private void awaitReaped(List<SignupRequestedV2> requests, Duration patience) {
        List<String> usernames = requests.stream().map(SignupRequestedV2::username).toList();
        List<UserReaped> reaped = reapedEvents.awaitEvents(UserReaped.class, e -> usernames.contains(e.username()),
                requests.size(), patience);
        assertThat(reaped).extracting(UserReaped::username).containsExactlyInAnyOrderElementsOf(usernames);
    }

    /** Checked with the quotas off, so the test's own reads neither get throttled nor count. */
    private void assertAllGone(List<SignupRequestedV2> requests) {
        emulator.setQuotas(Map.of());
        assertThat(inParallel(requests, request -> pool.exists(request.phone()))).containsOnly(false);
    }

    /** Many SDK calls at once: one call waits ~45 ms on the emulator, mostly idle time. */
    private static <T, R> List<R> inParallel(List<T> inputs, Function<T, R> call) {
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<R>> results = new ArrayList<>();
            inputs.forEach(input -> results.add(threads.submit(() -> call.apply(input))));
            List<R> outputs = new ArrayList<>();
            for (Future<R> result : results) {
                outputs.add(result.get(60, TimeUnit.SECONDS));
            }
            return outputs;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        } finally {
            threads.shutdownNow();
        }
    }
}
