package io.phonegate.gateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The deliveries in this JVM's memory, on a clock the test moves: what the contract suite holds Redis to. */
final class InMemoryDeliveryStore implements DeliveryStore {

    private record Kept(Delivery delivery, Instant until) {
    }

    private final Map<String, Kept> deliveries = new ConcurrentHashMap<>();
    private final Clock clock;

    InMemoryDeliveryStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void put(String challengeId, Delivery delivery, Duration keepFor) {
        deliveries.put(challengeId, new Kept(delivery, clock.instant().plus(keepFor)));
    }

    @Override
    public Optional<Delivery> get(String challengeId) {
        Kept kept = deliveries.get(challengeId);
        return kept == null || !clock.instant().isBefore(kept.until()) ? Optional.empty() : Optional.of(kept.delivery());
    }
}
