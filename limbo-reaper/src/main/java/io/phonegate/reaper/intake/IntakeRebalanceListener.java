package io.phonegate.reaper.intake;

import io.phonegate.reaper.schedule.PendingSignup;
import io.phonegate.reaper.schedule.PendingSignups;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;

/**
 * When partitions leave this instance, so do their waiting sign-ups: the new owner reads them
 * again from the committed offset, which is below each of them. Done before the container's
 * commit on revocation, so no late acknowledgment of ours can move that offset afterwards.
 * Partitions (re)assigned start afresh too, in case they were lost without a revocation: their
 * records are read again from the committed offset anyway.
 */
@Component
class IntakeRebalanceListener implements KafkaBindingRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(IntakeRebalanceListener.class);

    private final OffsetWatermarks watermarks;
    private final PendingSignups pending;
    private final AssignedPartitions assigned;

    IntakeRebalanceListener(OffsetWatermarks watermarks, PendingSignups pending, AssignedPartitions assigned) {
        this.watermarks = watermarks;
        this.pending = pending;
        this.assigned = assigned;
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(String bindingName, Consumer<?, ?> consumer,
                                                Collection<TopicPartition> partitions) {
        assigned.remove(partitions);
        forget(partitions, "left with their partitions");
    }

    @Override
    public void onPartitionsAssigned(String bindingName, Consumer<?, ?> consumer,
                                     Collection<TopicPartition> partitions, boolean initial) {
        forget(partitions, "dropped: their partitions are read again from the committed offset");
        assigned.add(partitions);
    }

    private void forget(Collection<TopicPartition> partitions, String why) {
        watermarks.forget(partitions);
        List<PendingSignup> forgotten = pending.forget(receipt ->
                receipt instanceof TrackedRecord record && partitions.contains(record.partition()));
        if (!forgotten.isEmpty()) {
            log.info("{} waiting sign-ups {} {}", forgotten.size(), why, partitions);
        }
    }
}
