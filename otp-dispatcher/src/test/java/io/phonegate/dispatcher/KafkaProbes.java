package io.phonegate.dispatcher;

import io.phonegate.common.event.OtpDeliveryReported;
import io.phonegate.common.event.Topics;
import io.phonegate.testsupport.kafka.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/** Conditions on the broker the dispatcher tests wait for: committed offsets, every report published so far. */
final class KafkaProbes implements AutoCloseable {

    static final String GROUP = "otp-dispatcher";

    private final String bootstrap;
    private final Admin admin;

    KafkaProbes(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Creates the topic with {@code count} partitions, or adds partitions up to {@code count}: several consumers need several. */
    void ensurePartitions(String topic, int count) {
        try {
            if (!admin.listTopics().names().get().contains(topic)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, count, (short) 1))).all().get();
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            if (partitions(topic).size() < count) {
                admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(count))).all().get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the dispatcher group has exactly {@code members} members now, each with partitions assigned. */
    boolean groupIsSpreadOver(int members) {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP).get();
            return group.members().size() == members
                    && group.members().stream().map(MemberDescription::assignment).allMatch(a -> !a.topicPartitions().isEmpty());
        } catch (InterruptedException | ExecutionException e) {
            return false;
        }
    }

    List<TopicPartition> partitions(String topic) {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<TopicPartition, Long> endOffsets(String topic) {
        try {
            Map<TopicPartition, OffsetSpec> latest = partitions(topic).stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    long committed(TopicPartition partition) {
        try {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().get(partition);
            return offset == null ? 0 : offset.offset();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the dispatcher group committed every request on the topic now: then every one of
     * them has its report on Kafka (an offset never passes a request whose report is not).
     */
    void awaitEverythingCommitted(Duration timeout) {
        Map<TopicPartition, Long> ends = endOffsets(Topics.OTP_REQUESTED);
        await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> ends.entrySet().stream().allMatch(e -> committed(e.getKey()) >= e.getValue()));
    }

    /** Every report on the report topic up to its end now, oldest first per partition. */
    List<OtpDeliveryReported> allReports() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<TopicPartition, Long> ends = endOffsets(Topics.OTP_DELIVERY);
        List<OtpDeliveryReported> reports = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (TopicReader.decode(record) instanceof OtpDeliveryReported report) {
                        reports.add(report);
                    }
                }
            }
        }
        return reports;
    }

    @Override
    public void close() {
        admin.close();
    }
}
