package io.phonegate.reaper;

import io.phonegate.common.event.UserReaped;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.kafka.RealKafkaExtension;
import io.phonegate.testsupport.kafka.TopicReader;
import io.phonegate.testsupport.kafka.TopicWriter;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.phonegate.reaper.Signups.announced;
import static io.phonegate.reaper.Signups.newPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A pool without the completion marker in its schema: the reaper could not tell a real user whose
 * number an admin changed from an abandoned sign-up, so it says so, is not ready, and deletes nobody
 * until the schema is fixed; then, without a restart, it is ready and reaps what was due.
 */
@RealKafka
class PoolSelfCheckTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPoolWithoutTheCompletionMarkerStopsDeletionsUntilItIsFixed() throws Exception {
        try (CognitoPool pool = CognitoPool.start(s -> s.withUserPool(s.userPool().withCustomAttributes()));
             TopicWriter publisher = TopicWriter.open(RealKafkaExtension.bootstrapServers())) {
            TestTopics topics = TestTopics.create(RealKafkaExtension.bootstrapServers());
            Map<String, String> settings = new HashMap<>(pool.settings());
            settings.put("phonegate.reaper.ttl", "1s");
            settings.put("phonegate.reaper.pool-check.retry-interval", "200ms");
            settings.put("phonegate.reaper.retry-delay", "1s");
            settings.put("management.endpoint.health.group.readiness.show-details", "always");
            try (RunningReaper reaper = RunningReaper.startWithHttp(topics, settings);
                 TopicReader reaped = TopicReader.open(RealKafkaExtension.bootstrapServers(), topics.reaped())) {
                PhoneNumber phone = newPhone();
                publisher.publish(topics.requested(), announced(phone));
                pool.createPending(phone);

                HttpResponse<String> readiness = readiness(reaper);
                assertThat(readiness.statusCode()).isEqualTo(503);
                assertThat(readiness.body()).contains("SchemaAttributes has no custom:pg_completed");
                await().atMost(PATIENCE).until(() -> reaper.count("phonegate.reaper.deletions.held") >= 1);
                assertThat(reaper.gauge("phonegate.cognito.pool.suitable")).isZero();
                assertThat(pool.emulator().callCount("AdminGetUser")).as("not even looked at").isZero();
                assertThat(pool.exists(phone)).as("nobody deleted on an unsuitable pool").isTrue();

                pool.emulator().updateUserPool(p -> p.withCustomAttributes("custom:pg_completed"));

                await().atMost(PATIENCE).until(() -> readiness(reaper).statusCode() == 200);
                reaped.awaitEvent(UserReaped.class, e -> e.username().equals(phone.e164()), PATIENCE);
                assertThat(pool.exists(phone)).isFalse();
            }
        }
    }

    private HttpResponse<String> readiness(RunningReaper reaper) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + reaper.port()
                + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
