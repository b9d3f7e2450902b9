package io.phonegate.reaper.intake;

import io.phonegate.reaper.schedule.CapacityListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The memory bound: while the schedule is full, the partitions that carry sign-up requests
 * are paused, so no new request is read; completions keep flowing, and each one shrinks the
 * schedule. Requests already fetched in the current poll are still scheduled, so the schedule
 * may exceed its cap by at most one poll ({@code max.poll.records}). Paused records stay in
 * Kafka, uncommitted: nothing is lost, they are read once the schedule is below its cap again.
 *
 * <p>The schedule calls {@link #full()} and {@link #belowCapacity()} under its own lock, so they
 * never interleave; {@link #requestReadFrom} shares this object's lock with them.
 */
@Component
class RequestIntakePause implements CapacityListener, ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> {

    private static final Logger log = LoggerFactory.getLogger(RequestIntakePause.class);

    private final Set<String> requestTopics = new HashSet<>();
    private final Set<TopicPartition> paused = new HashSet<>();
    private AbstractMessageListenerContainer<?, ?> container;
    private boolean full;

    /** The binder hands over the container of the one consumer binding. */
    @Override
    public synchronized void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName,
                                       String group) {
        this.container = container;
    }

    /** A request came from {@code partition}; if the schedule is full, its partition pauses now. */
    synchronized void requestReadFrom(TopicPartition partition) {
        requestTopics.add(partition.topic());
        if (full) {
            pause(partition);
        }
    }

    @Override
    public synchronized void full() {
        full = true;
        log.warn("Pending sign-ups reached their cap; reading no new sign-up requests until some are handled");
        Collection<TopicPartition> assigned = container == null ? null : container.getAssignedPartitions();
        if (assigned != null) {
            assigned.stream().filter(partition -> requestTopics.contains(partition.topic())).forEach(this::pause);
        }
    }

    @Override
    public synchronized void belowCapacity() {
        full = false;
        for (TopicPartition partition : paused) {
            container.resumePartition(partition);
        }
        paused.clear();
        log.info("Pending sign-ups well below their cap again; reading sign-up requests");
    }

    private void pause(TopicPartition partition) {
        if (container != null && paused.add(partition)) {
            container.pausePartition(partition);
        }
    }
}
