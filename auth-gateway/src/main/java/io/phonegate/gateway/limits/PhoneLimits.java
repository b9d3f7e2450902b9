package io.phonegate.gateway.limits;

import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.gateway.config.GatewayProperties;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Per-number limits on asking for codes, in this instance's memory: a cooldown between codes
 * and a cap per rolling hour. A start takes its slot before Cognito is called (two parallel
 * starts cannot both pass) and gives it back if it fails, so a failed start costs the user nothing.
 */
@Component
public class PhoneLimits {

    private static final Duration HOUR = Duration.ofHours(1);

    private final Duration cooldown;
    private final int hourlyCap;
    private final Clock clock;
    private final MeterRegistry meters;
    private final BoundedLruMap<String, Deque<Instant>> sent;

    PhoneLimits(GatewayProperties properties, Clock clock, MeterRegistry meters) {
        this.cooldown = properties.limits().resendCooldown();
        this.hourlyCap = properties.limits().phoneHourlyCap();
        this.clock = clock;
        this.meters = meters;
        // Zero series from the start, so rate() and the alerts work before the first refusal.
        meters.counter("phonegate.edge.rate.limited", "limit", EdgeLimit.PHONE_COOLDOWN.tag());
        meters.counter("phonegate.edge.rate.limited", "limit", EdgeLimit.PHONE_HOURLY.tag());
        this.sent = new BoundedLruMap<>(properties.limits().maxTrackedKeys());
    }

    /**
     * Takes a slot for a code to {@code phone}.
     *
     * @return the slot, to {@link #release} if the code is not sent after all
     * @throws RateLimitedException when the cooldown or the hourly cap refuses it
     */
    public Instant acquire(PhoneNumber phone) {
        Instant now = clock.instant();
        synchronized (sent) {
            Deque<Instant> history = sent.computeIfAbsent(phone.e164(), key -> new ArrayDeque<>());
            while (!history.isEmpty() && !history.peekFirst().isAfter(now.minus(HOUR))) {
                history.pollFirst();
            }
            if (!history.isEmpty() && now.isBefore(history.peekLast().plus(cooldown))) {
                throw refused(EdgeLimit.PHONE_COOLDOWN, Duration.between(now, history.peekLast().plus(cooldown)));
            }
            if (history.size() >= hourlyCap) {
                throw refused(EdgeLimit.PHONE_HOURLY, Duration.between(now, history.peekFirst().plus(HOUR)));
            }
            history.addLast(now);
            return now;
        }
    }

    /** Gives back a slot taken by {@link #acquire} for a start that failed. */
    public void release(PhoneNumber phone, Instant slot) {
        synchronized (sent) {
            Deque<Instant> history = sent.get(phone.e164());
            if (history != null) {
                history.removeLastOccurrence(slot);
            }
        }
    }

    /** When the next code may be asked for, for a code sent now. */
    public Instant resendAfter(Instant sentAt) {
        return sentAt.plus(cooldown);
    }

    private RateLimitedException refused(EdgeLimit limit, Duration retryAfter) {
        meters.counter("phonegate.edge.rate.limited", "limit", limit.tag()).increment();
        return new RateLimitedException(limit, retryAfter);
    }
}
