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
 */
@Component
class IntakeRebalanceListener implements KafkaBindingRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(IntakeRebalanceListener.class);

    private final OffsetWatermarks watermarks;
    private final PendingSignups pending;

    IntakeRebalanceListener(OffsetWatermarks watermarks, PendingSignups pending) {
        this.watermarks = watermarks;
        this.pending = pending;
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(String bindingName, Consumer<?, ?> consumer,
                                                Collection<TopicPartition> partitions) {
        watermarks.forget(partitions);
        List<PendingSignup> handedOver = pending.forget(receipt ->
                receipt instanceof TrackedRecord record && partitions.contains(record.partition()));
        if (!handedOver.isEmpty()) {
            log.info("{} waiting sign-ups left with their partitions {}", handedOver.size(), partitions);
        }
    }
}
