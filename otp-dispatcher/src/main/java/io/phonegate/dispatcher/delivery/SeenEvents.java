package io.phonegate.dispatcher.delivery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The event ids this instance has handled, the newest {@code capacity} of them (about 100 bytes
 * each). Redeliveries come soon after the first delivery (a rebalance, a restart), so a
 * bounded memory catches them; an id older than the bound is forgotten.
 */
final class SeenEvents {

    private final Map<UUID, Boolean> seen;

    SeenEvents(int capacity) {
        seen = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** @return true the first time an id is seen (and remembers it), false for a duplicate */
    synchronized boolean firstSighting(UUID eventId) {
        return seen.put(eventId, Boolean.TRUE) == null;
    }
}
