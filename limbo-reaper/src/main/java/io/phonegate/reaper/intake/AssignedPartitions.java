package io.phonegate.reaper.intake;

import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partitions this instance reads now. Partition 0 of the sign-up topics belongs to exactly one
 * instance of the group at a time (the range assignor gives partition 0 of both topics to the same
 * one): that instance is the one that runs the full scan of the pool, so its cost does not grow with
 * the number of instances. During a rebalance two may briefly think so; scanning twice is harmless.
 */
@Component
public class AssignedPartitions {

    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();

    void add(Collection<TopicPartition> partitions) {
        assigned.addAll(partitions);
    }

    void remove(Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    public boolean includesPartitionZero() {
        return assigned.stream().anyMatch(partition -> partition.partition() == 0);
    }
}
