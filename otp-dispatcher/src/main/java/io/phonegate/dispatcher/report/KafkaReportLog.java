package io.phonegate.dispatcher.report;

import io.phonegate.common.event.CloudEventHeaders;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ReportLog} on {@code phonegate.otp.delivery}: reads the one partition the request's
 * reports go to (they are keyed by phone, as the producer partitions them) from {@code since} to
 * its end now, looking for the report's event id, which is derived from the request's. A consumer
 * of its own per question, without a group: questions are rare (a takeover after a crash).
 */
public final class KafkaReportLog implements ReportLog {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> config;

    /** @param consumerConfig the binder's consumer settings (brokers, security); deserializers and group are set here */
    public KafkaReportLog(Map<String, Object> consumerConfig) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "otp-dispatcher-report-log");
        this.config = Map.copyOf(config);
    }

    @Override
    public boolean contains(OtpRequested request, Instant since) {
        byte[] reportId = KafkaDeliveryReports.reportId(request).toString().getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.OTP_DELIVERY, TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                return false;
            }
            TopicPartition partition = new TopicPartition(Topics.OTP_DELIVERY, Utils.toPositive(
                    Utils.murmur2(request.partitionKey().getBytes(StandardCharsets.UTF_8))) % partitions.size());
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            OffsetAndTimestamp start = consumer.offsetsForTimes(Map.of(partition, since.toEpochMilli()), TIMEOUT).get(partition);
            if (start == null || start.offset() >= end) {
                return false;
            }
            consumer.seek(partition, start.offset());
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(partition, TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + partition + " to offset " + end + " within " + TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end && isReport(record, reportId)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static boolean isReport(ConsumerRecord<String, byte[]> record, byte[] reportId) {
        Header id = record.headers().lastHeader(CloudEventHeaders.ID);
        return id != null && java.util.Arrays.equals(id.value(), reportId);
    }
}
