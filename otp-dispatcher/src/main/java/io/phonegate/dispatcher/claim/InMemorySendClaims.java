package io.phonegate.dispatcher.claim;

import io.phonegate.common.store.AdmissionTicket;
import io.phonegate.dispatcher.report.DeliveryReports.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * {@link SendClaims} in this process's memory, the same rules as the Lua scripts: for the
 * pipeline's unit tests and as the reference the shared contract suite holds both to. Not for
 * production: claims must outlive the process and be seen by every instance.
 */
public final class InMemorySendClaims implements SendClaims {

    private static final String REPORTED = "reported";

    private final Duration lease;
    private final Duration retention;
    private final Predicate<AdmissionTicket> admissionStands;
    private final boolean requireAdmission;
    private final Map<String, Challenge> challenges = new HashMap<>();

    /** Every admission stands; requests without one are sent. */
    public InMemorySendClaims(Duration lease, Duration retention) {
        this(lease, retention, ticket -> true, false);
    }

    /** @param admissionStands whether the gateway still stands by a start (in Redis: its slot is in its starts) */
    public InMemorySendClaims(Duration lease, Duration retention, Predicate<AdmissionTicket> admissionStands,
                              boolean requireAdmission) {
        this.lease = lease;
        this.retention = retention;
        this.admissionStands = admissionStands;
        this.requireAdmission = requireAdmission;
    }

    @Override
    public synchronized Claim claim(Holder holder, Instant now, Instant codeExpiresAt) {
        Instant keepUntil = now.plus(Duration.between(now, codeExpiresAt).isNegative() ? Duration.ZERO
                : Duration.between(now, codeExpiresAt)).plus(retention);
        Challenge challenge = challenges.get(holder.challengeId());
        if (challenge == null || !now.isBefore(challenge.keepUntil)) {
            challenge = new Challenge(holder.eventId());
            challenges.put(holder.challengeId(), challenge);
        }
        if (challenge.keepUntil.isBefore(keepUntil)) {
            challenge.keepUntil = keepUntil;
        }
        Held held = challenge.held.get(holder.eventId());
        if (held != null && held.token.equals(REPORTED)) {
            return new Claim.Reported();
        }
        boolean takenOver = held != null && !held.token.equals(holder.token());
        if (takenOver && held.leaseEnd.isAfter(now)) {
            return new Claim.Busy(held.leaseEnd);
        }
        challenge.held.put(holder.eventId(), new Held(holder.token(), now.plus(lease)));
        if (!challenge.first.equals(holder.eventId())) {
            return new Claim.Duplicate(takenOver);
        }
        if (challenge.outcome != null) {
            return new Claim.Settled(challenge.outcome);
        }
        if (challenge.attempts == 0) {
            if (holder.admission() != null && !admissionStands.test(holder.admission())) {
                return new Claim.Withdrawn(RedisSendClaims.ADMISSION_GONE);
            }
            if (holder.admission() == null && requireAdmission) {
                return new Claim.Withdrawn(RedisSendClaims.NO_ADMISSION);
            }
        }
        return new Claim.Send(challenge.attempts, takenOver);
    }

    @Override
    public synchronized Renewal renew(Holder holder, Instant now) {
        Challenge challenge = challenges.get(holder.challengeId());
        if (challenge == null || !holds(challenge, holder) || !challenge.first.equals(holder.eventId())) {
            return new Renewal.Lost();
        }
        if (challenge.outcome != null) {
            return new Renewal.Settled(challenge.outcome);
        }
        challenge.held.put(holder.eventId(), new Held(holder.token(), now.plus(lease)));
        return new Renewal.Go(++challenge.attempts);
    }

    @Override
    public synchronized Settlement settle(Holder holder, Outcome outcome) {
        Challenge challenge = challenges.get(holder.challengeId());
        if (challenge == null || !challenge.first.equals(holder.eventId())) {
            return new Settlement.Lost();
        }
        if (challenge.outcome == null) {
            challenge.outcome = outcome;
        }
        return holds(challenge, holder) ? new Settlement.Publish(challenge.outcome) : new Settlement.Lost();
    }

    @Override
    public synchronized void reported(Holder holder) {
        Challenge challenge = challenges.get(holder.challengeId());
        if (challenge != null) {
            challenge.held.put(holder.eventId(), new Held(REPORTED, Instant.MAX));
        }
    }

    private static boolean holds(Challenge challenge, Holder holder) {
        Held held = challenge.held.get(holder.eventId());
        return held != null && held.token.equals(holder.token());
    }

    private static final class Challenge {
        private final UUID first;
        private final Map<UUID, Held> held = new HashMap<>();
        private int attempts;
        private Outcome outcome;
        private Instant keepUntil = Instant.MIN;

        Challenge(UUID first) {
            this.first = first;
        }
    }

    private record Held(String token, Instant leaseEnd) {
    }
}
