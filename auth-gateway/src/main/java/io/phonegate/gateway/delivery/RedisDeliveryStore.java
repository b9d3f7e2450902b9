package io.phonegate.gateway.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.util.Optional;

/**
 * {@link DeliveryStore} in Redis: one string per challenge, {@code phonegate:delivery:{<challengeId>}},
 * written with its expiry in one {@code SET … PX} (a single command, so atomic without a script). The
 * challenge id is the Create trigger's random id, never a number; each key is its own cluster slot.
 */
final class RedisDeliveryStore implements DeliveryStore {

    private static final Logger log = LoggerFactory.getLogger(RedisDeliveryStore.class);

    private final StringRedisTemplate redis;

    RedisDeliveryStore(StringRedisTemplate redis) {
        this.redis = redis;
    }

    static String key(String challengeId) {
        return "phonegate:delivery:{" + challengeId + "}";
    }

    @Override
    public void put(String challengeId, Delivery delivery, Duration keepFor) {
        redis.opsForValue().set(key(challengeId), delivery.text(), keepFor);
    }

    @Override
    public Optional<Delivery> get(String challengeId) {
        String text = redis.opsForValue().get(key(challengeId));
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Delivery.parse(text));
        } catch (IllegalArgumentException e) {
            log.warn("Unreadable delivery under {}: taken as none", key(challengeId));
            return Optional.empty();
        }
    }
}
