package io.phonegate.gateway.support;

import io.phonegate.common.event.PhonegateEvent;
import io.phonegate.gateway.events.EventPublisher;
import io.phonegate.gateway.events.EventsUnavailableException;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Keeps what would have gone to Kafka, for slice tests; can play a broker that does not answer. */
public final class RecordingEventPublisher implements EventPublisher {

    private final List<PhonegateEvent> published = new CopyOnWriteArrayList<>();
    private final AtomicBoolean failNext = new AtomicBoolean();

    public void failNextPublish() {
        failNext.set(true);
    }

    public List<PhonegateEvent> published() {
        return List.copyOf(published);
    }

    @Override
    public void publish(PhonegateEvent event) {
        if (failNext.getAndSet(false)) {
            throw new EventsUnavailableException("no broker in this test", null);
        }
        published.add(event);
    }
}
