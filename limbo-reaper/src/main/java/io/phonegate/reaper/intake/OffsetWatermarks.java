package io.phonegate.reaper.intake;

import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Keeps the committed offset of each partition below every record not yet handled.
 *
 * <p>Records are handled out of order: a completion or an unknown type at once, a sign-up only
 * when its deadline passes. Kafka keeps one committed offset per partition, so a record's
 * acknowledgment is passed to the container only once every earlier record of its partition
 * is handled too; then the highest such acknowledgment is the one used (AckMode MANUAL, whose
 * commits are cumulative). After a restart or a rebalance, consumption resumes at the oldest
 * unhandled record, and the handled ones after it are read again and are harmless to repeat.
 *
 * <p>Memory: the open records plus at most one handled record per gap between two open ones.
 */
@Component
final class OffsetWatermarks {

    private final Map<TopicPartition, Ledger> ledgers = new HashMap<>();

    /** Starts tracking a record as it arrives; records of one partition arrive in offset order. */
    synchronized TrackedRecord track(TopicPartition partition, long offset, Acknowledgment acknowledgment) {
        Ledger ledger = ledgers.computeIfAbsent(partition, p -> new Ledger());
        ledger.open(offset, acknowledgment);
        return new TrackedRecord(this, ledger, partition, offset);
    }

    /** Marks the record handled and acknowledges what became committable; a record of a revoked partition is ignored. */
    synchronized void release(TrackedRecord record) {
        if (ledgers.get(record.partition()) != record.ledger()) {
            return;
        }
        record.ledger().close(record.offset()).ifPresent(Acknowledgment::acknowledge);
    }

    /** The partitions went to another consumer: their open records are its to handle now. */
    synchronized void forget(Collection<TopicPartition> revoked) {
        ledgers.keySet().removeAll(revoked);
    }

    /** One partition's records between the committed offset and the newest one read. */
    static final class Ledger {

        private final TreeMap<Long, Acknowledgment> open = new TreeMap<>();
        private final TreeMap<Long, Acknowledgment> handledAboveOpen = new TreeMap<>();

        void open(long offset, Acknowledgment acknowledgment) {
            open.put(offset, acknowledgment);
        }

        /** @return the acknowledgment to pass on now, if closing this offset moved the watermark */
        Optional<Acknowledgment> close(long offset) {
            Acknowledgment closed = open.remove(offset);
            if (closed == null) {
                return Optional.empty();
            }
            Long lowestOpen = open.isEmpty() ? null : open.firstKey();
            if (lowestOpen == null || offset < lowestOpen) {
                NavigableMap<Long, Acknowledgment> committable = lowestOpen == null
                        ? handledAboveOpen : handledAboveOpen.headMap(lowestOpen, false);
                Map.Entry<Long, Acknowledgment> highest = committable.lastEntry();
                Acknowledgment result = highest != null && highest.getKey() > offset ? highest.getValue() : closed;
                committable.clear();
                return Optional.of(result);
            }
            keepHighestOfGap(offset, closed);
            return Optional.empty();
        }

        /** Between two open records only the highest handled one will ever be acknowledged. */
        private void keepHighestOfGap(long offset, Acknowledgment closed) {
            long gapStart = open.lowerKey(offset);
            Long gapEnd = open.higherKey(offset);
            NavigableMap<Long, Acknowledgment> gap = gapEnd == null
                    ? handledAboveOpen.tailMap(gapStart, false)
                    : handledAboveOpen.subMap(gapStart, false, gapEnd, false);
            Map.Entry<Long, Acknowledgment> highest = gap.lastEntry();
            if (highest == null || highest.getKey() < offset) {
                gap.clear();
                handledAboveOpen.put(offset, closed);
            }
        }

        int openCount() {
            return open.size();
        }

        int handledCount() {
            return handledAboveOpen.size();
        }
    }
}
