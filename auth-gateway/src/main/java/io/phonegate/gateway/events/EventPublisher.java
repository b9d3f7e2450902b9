package io.phonegate.gateway.events;

import io.phonegate.common.event.PhonegateEvent;

/** Hands events to Kafka and returns only once the broker has acknowledged them. */
public interface EventPublisher {

    /** @throws EventsUnavailableException when the broker did not acknowledge in time */
    void publish(PhonegateEvent event);
}
