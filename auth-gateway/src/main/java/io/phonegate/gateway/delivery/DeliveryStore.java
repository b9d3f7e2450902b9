package io.phonegate.gateway.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * The deliveries of challenges, by the Create trigger's challenge id, shared by every gateway: one writes
 * what the dispatcher reported, any answers a client's status question. Each entry forgets itself after
 * the longest a code lives.
 */
interface DeliveryStore {

    /** Keeps {@code delivery} for {@code keepFor}; a later report of the same challenge replaces it. */
    void put(String challengeId, Delivery delivery, Duration keepFor);

    Optional<Delivery> get(String challengeId);
}
