package io.phonegate.reaper;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Topics of one test class, so classes sharing the broker never read each other's events.
 * Created up front with three partitions each, as the binder would create them with one.
 */
public record TestTopics(String prefix, String group) {

    public static final int PARTITIONS = 3;

    public static TestTopics create(String bootstrapServers) {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
        TestTopics topics = new TestTopics(prefix, "limbo-reaper-" + prefix);
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(List.of(
                    new NewTopic(topics.requested(), PARTITIONS, (short) 1),
                    new NewTopic(topics.completed(), PARTITIONS, (short) 1),
                    new NewTopic(topics.reaped(), PARTITIONS, (short) 1))).all().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create the test topics", e);
        }
        return topics;
    }

    public String requested() {
        return prefix + ".signup.requested";
    }

    public String completed() {
        return prefix + ".signup.completed";
    }

    public String reaped() {
        return prefix + ".user.reaped";
    }

    /** The reaper's settings that point it at these topics, with a consumer group of their own. */
    public Map<String, String> bindings() {
        return Map.of(
                "spring.cloud.stream.bindings.signupEvents-in-0.destination", prefix + "\\.signup\\.(requested|completed)",
                "spring.cloud.stream.bindings.signupEvents-in-0.group", group,
                "spring.cloud.stream.bindings.userReaped-out-0.destination", reaped(),
                "spring.cloud.stream.bindings.signupAnnouncements-out-0.destination", requested());
    }

    /** The reaper group's committed offset for a partition, or -1 when nothing was committed there. */
    public long committedOffset(String bootstrapServers, TopicPartition partition) {
        try (Admin admin = admin(bootstrapServers)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            OffsetAndMetadata offset = offsets.get(partition);
            return offset == null ? -1 : offset.offset();
        } catch (Exception e) {
            throw new IllegalStateException("could not read the committed offsets", e);
        }
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }
}
