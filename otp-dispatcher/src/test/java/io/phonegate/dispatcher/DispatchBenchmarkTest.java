package io.phonegate.dispatcher;

import io.phonegate.common.event.DeliveryOutcome;
import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.EventType;
import io.phonegate.common.event.OtpDeliveryReported;
import io.phonegate.common.event.OtpPurpose;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.Topics;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.devstack.sns.Faults;
import io.phonegate.devstack.sns.SnsEmulator;
import io.phonegate.devstack.sns.SnsEmulatorSettings;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.kafka.RealKafkaExtension;
import io.phonegate.testsupport.kafka.TopicReader;
import io.phonegate.testsupport.redis.RealRedis;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One dispatcher instance, with its claims, pacing and backstop in a real Redis, against the SNS
 * emulator answering every {@code Publish} after 100 ms: how many SMS per second, how long from
 * request to SNS accepting the SMS, and how many Redis calls each request costs (and how long they
 * take). Two phases: a paced load below capacity (latency without queueing), then a burst of
 * requests already waiting on Kafka (throughput at saturation). Run with
 * {@code ./mvnw -B -Pbenchmark -pl otp-dispatcher -am test}; figures in the test output and
 * {@code target/surefire-reports/io.phonegate.dispatcher.DispatchBenchmarkTest-output.txt}, with the
 * machine's load average (the figures mean little without it).
 */
@Tag("benchmark")
@RealKafka
@RealRedis
@DirtiesContext
@SpringBootTest(properties = {
        "server.port=0",
        "phonegate.dispatcher.pacing.per-second=100000",
        "logging.level.io.phonegate=WARN"})
class DispatchBenchmarkTest {

    private static final int LATENCY_MS = 100;
    private static final int PACED_PER_SECOND = Integer.getInteger("benchmark.paced.rate", 500);
    private static final int PACED_SECONDS = Integer.getInteger("benchmark.paced.seconds", 10);
    private static final int BURST = Integer.getInteger("benchmark.burst", 20_000);
    private static final String SEAL_KEYS = CodeSeal.newKeyConfig("bench");
    private static final CodeSeal SEAL = CodeSeal.fromConfig(SEAL_KEYS, "bench");
    private static final EventCodec CODEC = new EventCodec();
    private static final SnsEmulator SNS = SnsEmulator.start(SnsEmulatorSettings.onFreePort());

    private long nextNumber = 10_000_000L;

    @Autowired
    MeterRegistry meters;

    @Autowired
    org.springframework.data.redis.core.StringRedisTemplate redis;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        System.setProperty("aws.accessKeyId", "bench");
        System.setProperty("aws.secretAccessKey", "bench");
        registry.add("phonegate.sns.endpoint", () -> SNS.endpoint().toString());
        registry.add("phonegate.seal.keys", () -> SEAL_KEYS);
    }

    @AfterAll
    static void stopSns() {
        SNS.close();
    }

    @Test
    void smsPerSecondAndLatencyAgainstSnsWith100msLatency() throws Exception {
        SNS.setFaults(Faults.latency(LATENCY_MS));
        try (KafkaProducer<String, byte[]> producer = producer();
             KafkaConsumer<String, byte[]> reports = reportConsumer()) {
            warmUp(producer, reports);

            Map<String, OtpRequested> paced = new HashMap<>();
            StoreUse pacedStore = StoreUse.of(meters);
            String pacedLoad = loadAverage();
            long pacedStart = System.nanoTime();
            int pacedCount = PACED_PER_SECOND * PACED_SECONDS;
            for (int i = 0; i < pacedCount; i++) {
                long due = pacedStart + i * 1_000_000_000L / PACED_PER_SECOND;
                java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                send(producer, paced);
            }
            Map<String, OtpDeliveryReported> pacedReports = awaitSent(reports, paced, Duration.ofSeconds(60));
            print("paced " + PACED_PER_SECOND + "/s for " + PACED_SECONDS + " s", paced, pacedReports, pacedStart, System.nanoTime());
            pacedStore.printSince(meters, paced.size(), pacedLoad);

            Map<String, OtpRequested> burst = new HashMap<>();
            StoreUse burstStore = StoreUse.of(meters);
            long memoryBefore = redisMemory();
            String burstLoad = loadAverage();
            long burstStart = System.nanoTime();
            for (int i = 0; i < BURST; i++) {
                send(producer, burst);
            }
            producer.flush();
            Map<String, OtpDeliveryReported> burstReports = awaitSent(reports, burst, Duration.ofSeconds(120));
            print("burst of " + BURST, burst, burstReports, burstStart, System.nanoTime());
            burstStore.printSince(meters, burst.size(), burstLoad);
            System.out.printf("[benchmark]   Redis memory per request (its claim and its number's backstop counter): %d bytes%n",
                    (redisMemory() - memoryBefore) / burst.size());

        }
    }

    private void warmUp(KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> reports) {
        Map<String, OtpRequested> warm = new HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            send(producer, warm);
        }
        awaitSent(reports, warm, Duration.ofSeconds(60));
    }

    private void send(KafkaProducer<String, byte[]> producer, Map<String, OtpRequested> sent) {
        PhoneNumber phone = PhoneNumber.ofE164("+9199" + nextNumber++);
        Instant now = Instant.now();
        OtpRequested request = GatewayAdmissions.admitted(new OtpRequested(UUID.randomUUID(), now, phone,
                UUID.randomUUID().toString().replace("-", "").substring(0, 22), SEAL.seal("123456", phone.e164()),
                OtpPurpose.LOGIN, "en", now.plus(Duration.ofMinutes(5))));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(EventType.OTP_REQUESTED.topic(), phone.e164(), CODEC.toJson(request));
        CODEC.headers(request, "/benchmark").forEach((name, value) -> record.headers().add(name, value));
        producer.send(record);
        sent.put(phone.e164(), request);
    }

    /** Reads each report once (the shared TopicReader re-reads everything per poll: too slow for 20,000 records). */
    private static Map<String, OtpDeliveryReported> awaitSent(KafkaConsumer<String, byte[]> reports,
                                                               Map<String, OtpRequested> requests, Duration timeout) {
        Map<String, OtpDeliveryReported> received = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < requests.size()) {
            assertThat(System.nanoTime()).as("all reports within " + timeout).isLessThan(deadline);
            for (ConsumerRecord<String, byte[]> record : reports.poll(Duration.ofMillis(100))) {
                if (requests.containsKey(record.key())) {
                    received.put(record.key(), (OtpDeliveryReported) TopicReader.decode(record));
                }
            }
        }
        assertThat(received.values()).extracting(OtpDeliveryReported::outcome).containsOnly(DeliveryOutcome.SENT);
        return received;
    }

    private static KafkaConsumer<String, byte[]> reportConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafkaExtension.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "benchmark-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The report topic may appear only with the first report: notice it soon.
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(Topics.OTP_DELIVERY));
        return consumer;
    }

    /**
     * Throughput from the first request sent to the last report read; latency from each request's
     * {@code occurredAt} to its report's {@code occurredAt}, which the dispatcher stamps right after
     * SNS answered (so it includes the emulator's 100 ms).
     */
    private static void print(String phase, Map<String, OtpRequested> requests, Map<String, OtpDeliveryReported> reports,
                              long startNanos, long endNanos) {
        long[] sorted = reports.values().stream()
                .mapToLong(r -> Duration.between(requests.get(r.phone().e164()).occurredAt(), r.occurredAt()).toMillis())
                .sorted().toArray();
        double seconds = (endNanos - startNanos) / 1e9;
        long smsInInbox = SNS.allMessages().stream().filter(sms -> requests.containsKey(sms.phone())).count();
        assertThat(smsInInbox).isEqualTo(requests.size());
        System.out.printf("%n[benchmark] %s: %d SMS in %.2f s = %.0f SMS/s; request-to-SNS-accepted latency ms"
                        + " p50 %d, p90 %d, p99 %d, max %d (SNS latency %d ms, max-in-flight %s)%n",
                phase, sorted.length, seconds, sorted.length / seconds, percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), sorted[sorted.length - 1], LATENCY_MS,
                System.getProperty("phonegate.dispatcher.max-in-flight", "256"));
    }

    /** Redis calls so far per decision: count and total time, to take differences over a phase. */
    private record StoreUse(Map<String, long[]> byDecision) {

        static StoreUse of(MeterRegistry meters) {
            Map<String, long[]> use = new java.util.TreeMap<>();
            for (Timer timer : meters.find("phonegate.store").timers()) {
                use.put(timer.getId().getTag("decision"),
                        new long[] {timer.count(), (long) timer.totalTime(java.util.concurrent.TimeUnit.MICROSECONDS)});
            }
            return new StoreUse(use);
        }

        void printSince(MeterRegistry meters, int requests, String loadBefore) {
            StoreUse now = of(meters);
            long calls = 0;
            StringBuilder line = new StringBuilder();
            for (Map.Entry<String, long[]> entry : now.byDecision.entrySet()) {
                long[] before = byDecision.getOrDefault(entry.getKey(), new long[2]);
                long count = entry.getValue()[0] - before[0];
                long micros = entry.getValue()[1] - before[1];
                calls += count;
                line.append(String.format(" %s %.2f (mean %d us)", entry.getKey(), (double) count / requests,
                        count == 0 ? 0 : micros / count));
            }
            System.out.printf("[benchmark]   Redis calls per request %.2f:%s; load average %s -> %s%n",
                    (double) calls / requests, line, loadBefore, loadAverage());
        }
    }

    /** {@code used_memory} of the Redis server, bytes. */
    private long redisMemory() {
        java.util.Properties info = redis.execute((org.springframework.data.redis.core.RedisCallback<java.util.Properties>)
                connection -> connection.serverCommands().info("memory"));
        return Long.parseLong(info.getProperty("used_memory"));
    }

    /** The 1, 5 and 15 minute load averages, as uptime shows them. */
    private static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafkaExtension.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props);
    }
}
