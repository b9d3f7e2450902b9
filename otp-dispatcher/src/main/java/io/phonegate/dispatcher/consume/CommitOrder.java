package io.phonegate.dispatcher.consume;

import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.support.Acknowledgment;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Commits a partition's offset only past records that are all done, whatever order they
 * finish in. Records finish out of order (one number retries while later ones are sent);
 * Kafka keeps one offset per partition, so an offset may only move past a record once every
 * record before it is done. Acknowledgements are given in offset order (the container's
 * {@code MANUAL} ack mode commits the last one given), and the consumer never pauses: unlike
 * {@code asyncAcks}, a slow record holds back the commit, not the next poll.
 */
final class CommitOrder {

    /** Marks one record done; a second call does nothing. */
    interface Ticket {
        void done();
    }

    private final Map<TopicPartition, Line> lines = new ConcurrentHashMap<>();

    Ticket track(String topic, int partition, long offset, Acknowledgment ack) {
        if (ack == null) {
            throw new IllegalStateException("no Acknowledgment on the record: the consumer binding needs ack-mode MANUAL");
        }
        return lines.computeIfAbsent(new TopicPartition(topic, partition), tp -> new Line()).track(offset, ack);
    }

    /**
     * The partitions went to another consumer: records of theirs still under way must not
     * acknowledge anything any more (the new owner starts from the last commit).
     */
    void forget(Collection<TopicPartition> revoked) {
        revoked.forEach(tp -> {
            Line line = lines.remove(tp);
            if (line != null) {
                line.abandon();
            }
        });
    }

    /** Records not done yet, or done but behind one that is not; for tests and diagnosis. */
    int pending() {
        return lines.values().stream().mapToInt(Line::size).sum();
    }

    /** One partition's records that are not committed yet, in offset order. */
    private static final class Line {

        private final TreeMap<Long, Entry> entries = new TreeMap<>();
        private boolean abandoned;

        synchronized Ticket track(long offset, Acknowledgment ack) {
            Entry entry = new Entry(ack);
            entries.put(offset, entry);
            return () -> done(entry);
        }

        /** Acknowledges inside the lock, so acknowledgements reach the container in offset order. */
        private synchronized void done(Entry entry) {
            if (abandoned || entry.done) {
                return;
            }
            entry.done = true;
            Acknowledgment last = null;
            while (!entries.isEmpty() && entries.firstEntry().getValue().done) {
                last = entries.pollFirstEntry().getValue().ack;
            }
            if (last != null) {
                last.acknowledge();
            }
        }

        synchronized void abandon() {
            abandoned = true;
            entries.clear();
        }

        synchronized int size() {
            return entries.size();
        }
    }

    private static final class Entry {
        private final Acknowledgment ack;
        private boolean done;

        Entry(Acknowledgment ack) {
            this.ack = ack;
        }
    }
}
