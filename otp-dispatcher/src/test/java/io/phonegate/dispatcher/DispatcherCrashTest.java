package io.phonegate.dispatcher;

import io.phonegate.common.event.OtpDeliveryReported;
import io.phonegate.common.event.OtpPurpose;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.Topics;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.devstack.sns.Faults;
import io.phonegate.devstack.sns.SmsMessage;
import io.phonegate.devstack.sns.SnsEmulator;
import io.phonegate.devstack.sns.SnsEmulatorSettings;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.kafka.RealKafkaExtension;
import io.phonegate.testsupport.kafka.TopicWriter;
import io.phonegate.testsupport.redis.RealRedis;
import io.phonegate.testsupport.redis.RealRedisExtension;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The crash: two dispatchers in JVMs of their own share the load (20 requests a second),
 * one is killed ({@code kill -9}) while sends are under way and started again. Every request ends
 * in exactly one report, and an SMS goes out twice only if its first send was under way at the
 * kill (sent, but not yet written to its claim). The dispatchers run with the consumer settings of
 * {@code application.yml}: the dead one's partitions are served again once its session expires (10 s),
 * so no code waits anywhere near Kafka's default of 45 s.
 */
@RealKafka
@RealRedis
class DispatcherCrashTest {

    private static final String SEAL_KEYS = CodeSeal.newKeyConfig("crash");
    private static final CodeSeal SEAL = CodeSeal.fromConfig(SEAL_KEYS, "crash");
    private static final int PER_SECOND = 20;
    private static final int SECONDS = 12;
    private static final Duration SNS_LATENCY = Duration.ofMillis(200);
    private static final Path LOGS = Path.of("target", "crash-test");
    /**
     * The longest a request may wait for its SMS: the session timeout of application.yml (10 s), then a
     * rebalance and the send, with room for a loaded machine. Kafka's default session (45 s) cannot pass.
     */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(25);

    @Test
    void killingOneOfTwoDispatchersUnderLoadLosesNoReportDuplicatesNoneAndHoldsNoCodeForLong() throws Exception {
        try (SnsEmulator sns = SnsEmulator.start(SnsEmulatorSettings.onFreePort());
             KafkaProbes probes = new KafkaProbes(RealKafkaExtension.bootstrapServers());
             TopicWriter writer = TopicWriter.open(RealKafkaExtension.bootstrapServers())) {
            probes.ensurePartitions(Topics.OTP_REQUESTED, 3);
            sns.setFaults(Faults.latency(SNS_LATENCY.toMillis()));
            Function<String, DispatcherProcess> start = name -> DispatcherProcess.start(name,
                    LOGS.resolve(name + ".log"), settings(sns));
            DispatcherProcess victim = start.apply("A");
            DispatcherProcess survivor = start.apply("B");
            DispatcherProcess restarted = null;
            try {
                awaitGroupOf(2, probes, victim, survivor);
                // Warm both up (SDK clients, JIT), so the kill lands among sends in full flow.
                for (int i = 0; i < 40; i++) {
                    writer.publish(request(), "/test");
                }
                probes.awaitEverythingCommitted(Duration.ofMinutes(2));

                List<OtpRequested> requests = new ArrayList<>();
                Instant killedAt = null;
                long start0 = System.nanoTime();
                for (int i = 0; i < PER_SECOND * SECONDS; i++) {
                    LockSupport.parkNanos(start0 + i * 1_000_000_000L / PER_SECOND - System.nanoTime());
                    OtpRequested request = request();
                    writer.publish(request, "/test");
                    requests.add(request);
                    if (i == PER_SECOND * SECONDS / 3) {
                        killedAt = Instant.now();
                        victim.kill();
                        restarted = start.apply("A-restarted");
                    }
                }
                probes.awaitEverythingCommitted(Duration.ofMinutes(3));

                Map<UUID, Long> reportsPerRequest = probes.allReports().stream()
                        .collect(Collectors.groupingBy(OtpDeliveryReported::requestEventId, Collectors.counting()));
                Set<String> phones = requests.stream().map(r -> r.phone().e164()).collect(Collectors.toSet());
                List<SmsMessage> sms = sns.allMessages().stream().filter(m -> phones.contains(m.phone())).toList();
                Map<String, Long> smsPerPhone = sms.stream().collect(Collectors.groupingBy(SmsMessage::phone, Collectors.counting()));
                long missingReports = requests.stream().filter(r -> !reportsPerRequest.containsKey(r.eventId())).count();
                long duplicateReports = requests.stream().mapToLong(r -> reportsPerRequest.getOrDefault(r.eventId(), 0L))
                        .filter(n -> n > 1).map(n -> n - 1).sum();
                long duplicateSms = smsPerPhone.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
                Duration longestWait = longestWait(requests, sms);
                Instant kill = killedAt;
                // Sends under way at the kill: received by SNS up to twice its latency before (the answer had not
                // come back), or just after (the request was already on the wire).
                long underWayAtKill = sms.stream().filter(m -> m.receivedAt().isAfter(kill.minus(SNS_LATENCY.multipliedBy(2)))
                        && !m.receivedAt().isAfter(kill.plus(SNS_LATENCY.dividedBy(2)))).count();
                System.out.printf("%n[crash] %d requests at %d/s, one of two dispatchers killed after %d: %d missing reports,"
                                + " %d duplicate reports, %d SMS, %d duplicate SMS, %d sends under way at the kill (SNS latency %d ms),"
                                + " longest wait for an SMS %.1f s%n",
                        requests.size(), PER_SECOND, PER_SECOND * SECONDS / 3, missingReports, duplicateReports, sms.size(),
                        duplicateSms, underWayAtKill, SNS_LATENCY.toMillis(), longestWait.toMillis() / 1000.0);

                assertThat(missingReports).as("requests without a report").isZero();
                assertThat(duplicateReports).as("duplicate reports").isZero();
                assertThat(smsPerPhone).as("every request texted").hasSize(requests.size());
                assertThat(duplicateSms).as("duplicate SMS").isLessThanOrEqualTo(underWayAtKill);
                assertThat(longestWait).as("the longest wait from a request to its SMS (the dead dispatcher's partitions"
                        + " must be served again once its session expires)").isLessThan(LONGEST_WAIT);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n" + victim.logTail() + "\n" + survivor.logTail()
                        + (restarted == null ? "" : "\n" + restarted.logTail()), e);
            } finally {
                victim.close();
                survivor.close();
                if (restarted != null) {
                    restarted.close();
                }
            }
        }
    }

    private static Map<String, String> settings(SnsEmulator sns) {
        return Map.ofEntries(
                Map.entry("server.port", "0"),
                Map.entry("spring.cloud.stream.kafka.binder.brokers", RealKafkaExtension.bootstrapServers()),
                Map.entry("spring.data.redis.url", RealRedisExtension.server().url()),
                Map.entry("phonegate.sns.endpoint", sns.endpoint().toString()),
                Map.entry("phonegate.sns.call-timeout", "3s"),
                Map.entry("phonegate.seal.keys", SEAL_KEYS),
                Map.entry("phonegate.dispatcher.claims.lease", "6s"),
                Map.entry("phonegate.dispatcher.pacing.per-second", "200"),
                Map.entry("spring.cloud.stream.kafka.bindings.otpRequests-in-0.consumer.poll-timeout", "200"),
                Map.entry("logging.level.org.apache.kafka", "WARN"));
    }

    /** From each request's {@code occurredAt} to its first SMS reaching SNS; both clocks are this JVM's. */
    private static Duration longestWait(List<OtpRequested> requests, List<SmsMessage> sms) {
        Map<String, Instant> firstSms = sms.stream().collect(Collectors.toMap(SmsMessage::phone, SmsMessage::receivedAt,
                (a, b) -> a.isBefore(b) ? a : b));
        return requests.stream().filter(r -> firstSms.containsKey(r.phone().e164()))
                .map(r -> Duration.between(r.occurredAt(), firstSms.get(r.phone().e164())))
                .max(Duration::compareTo).orElse(Duration.ZERO);
    }

    private static void awaitGroupOf(int members, KafkaProbes probes, DispatcherProcess... processes) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).until(() -> {
            for (DispatcherProcess process : processes) {
                if (!process.alive()) {
                    throw new AssertionError("dispatcher died while starting:\n" + process.logTail());
                }
            }
            return probes.groupIsSpreadOver(members);
        });
    }

    private static OtpRequested request() {
        PhoneNumber phone = PhoneNumber.ofE164("+9196" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000)));
        Instant now = Instant.now();
        return GatewayAdmissions.admitted(new OtpRequested(UUID.randomUUID(), now, phone,
                UUID.randomUUID().toString().replace("-", "").substring(0, 22),
                SEAL.seal("123456", phone.e164()), OtpPurpose.LOGIN, "en", now.plus(Duration.ofMinutes(3))));
    }
}
