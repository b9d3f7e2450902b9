package io.phonegate.gateway.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.common.event.DeliveryOutcome;
import io.phonegate.common.event.OtpDeliveryReported;
import io.phonegate.gateway.limits.StoreCalls;
import io.phonegate.gateway.limits.StoreDecision;
import io.phonegate.gateway.limits.StoreUnavailableException;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The delivery status of challenges, the same from every gateway instance: the dispatcher's reports are
 * written to the shared store by challenge id ({@link #record}), and a client's question is answered from
 * its handle's {@link Tracking} and that store ({@link #statusOf}). A challenge that is never texted (a
 * disabled user's look-alike, a test number) turns from queued to sent at a time drawn from how long real
 * texts took, and its question costs the same store read as a real one's: its answers cannot be told apart.
 */
public final class DeliveryStatuses {

    /** The Create trigger's ids are 22 base64url characters; anything unlike an id names no challenge. */
    private static final Pattern CHALLENGE_ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a client is told about its challenge; {@code reason} only when {@code FAILED}. */
    public record Status(ChallengeStatus status, FailureReason reason) {
    }

    private final DeliveryStore store;
    private final StoreCalls calls;
    private final SendTimes sendTimes;
    private final DeliveryStatusSettings settings;
    private final Clock clock;
    private final Map<DeliveryOutcome, Counter> reports = new EnumMap<>(DeliveryOutcome.class);
    private final Map<ChallengeStatus, Counter> answers = new EnumMap<>(ChallengeStatus.class);

    DeliveryStatuses(DeliveryStore store, StoreCalls calls, DeliveryStatusSettings settings, MeterRegistry meters,
                     Clock clock) {
        this.store = store;
        this.calls = calls;
        this.sendTimes = new SendTimes(settings.sendTimeSamples(), settings.assumedSendTime());
        this.settings = settings;
        this.clock = clock;
        for (DeliveryOutcome outcome : DeliveryOutcome.values()) {
            reports.put(outcome, Counter.builder("phonegate.auth.delivery.reports")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .description("The dispatcher's reports the gateways read, by outcome").register(meters));
        }
        for (ChallengeStatus status : ChallengeStatus.values()) {
            answers.put(status, Counter.builder("phonegate.auth.challenge.statuses").tag("status", status.wire())
                    .description("Status questions answered, by the status told").register(meters));
        }
    }

    /** A challenge handed to the dispatcher to be texted: its report will tell. */
    public Tracking texted(String challengeId, Instant startedAt, Instant expiresAt) {
        return new Tracking(challengeId, startedAt, expiresAt, null);
    }

    /**
     * A challenge nobody texts: it shows as sent after a time drawn from real sends.
     *
     * @param challengeId the Create trigger's id (a test number), or {@code null} for a fresh random one (a look-alike)
     */
    public Tracking untexted(String challengeId, Instant startedAt, Instant expiresAt) {
        return new Tracking(challengeId == null ? randomChallengeId() : challengeId, startedAt, expiresAt,
                startedAt.plus(sendTimes.pick()));
    }

    /**
     * @throws StoreUnavailableException when the store cannot be read (every challenge alike)
     */
    public Status statusOf(Tracking tracking) {
        Optional<Delivery> delivery = CHALLENGE_ID.matcher(tracking.challengeId()).matches()
                ? calls.call(StoreDecision.DELIVERY_STATUS_READ, () -> store.get(tracking.challengeId()))
                : Optional.empty();
        Status status = decide(tracking, delivery, clock.instant());
        answers.get(status.status()).increment();
        return status;
    }

    private Status decide(Tracking tracking, Optional<Delivery> delivery, Instant now) {
        if (!now.isBefore(tracking.expiresAt())) {
            return new Status(ChallengeStatus.EXPIRED, null);
        }
        if (!tracking.texted()) {
            return new Status(now.isBefore(tracking.simulatedSentAt()) ? ChallengeStatus.QUEUED : ChallengeStatus.SENT, null);
        }
        if (delivery.isEmpty()) {
            return new Status(ChallengeStatus.QUEUED, null);
        }
        if (delivery.get().sent()) {
            sendTimes.observe(Duration.between(tracking.startedAt(), delivery.get().recordedAt()));
            return new Status(ChallengeStatus.SENT, null);
        }
        return new Status(ChallengeStatus.FAILED, delivery.get().failure());
    }

    /**
     * Writes a report down for every instance to answer from.
     *
     * @return false when there was nothing to write: a duplicate (the challenge's own report tells), one
     *         older than the retention, or one naming no challenge of the Create trigger's
     * @throws StoreUnavailableException when the store cannot take it now (the caller tries again)
     */
    boolean record(OtpDeliveryReported report) {
        Instant now = clock.instant();
        Duration keepFor = settings.retention().minus(Duration.between(report.occurredAt(), now));
        boolean worthKeeping = report.outcome() != DeliveryOutcome.DUPLICATE
                && keepFor.compareTo(Duration.ofSeconds(1)) >= 0 && CHALLENGE_ID.matcher(report.challengeId()).matches();
        if (worthKeeping) {
            Delivery delivery = new Delivery(FailureReason.of(report.outcome(), report.reason()).orElse(null), now);
            calls.call(StoreDecision.DELIVERY_STATUS_WRITE, () -> {
                store.put(report.challengeId(), delivery, keepFor);
                return null;
            });
        }
        reports.get(report.outcome()).increment();
        return worthKeeping;
    }

    /** An id of the Create trigger's form (16 random bytes, base64url). */
    static String randomChallengeId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
