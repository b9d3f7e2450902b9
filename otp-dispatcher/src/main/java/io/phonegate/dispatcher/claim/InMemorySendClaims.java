package io.phonegate.dispatcher.claim;

import io.phonegate.common.store.AdmissionTicket;
import io.phonegate.dispatcher.report.DeliveryReports.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link SendClaims} in this process's memory, the same rules as the Lua scripts: for the
 * pipeline's unit tests and as the reference the shared contract suite holds both to. Not for
 * production: claims must outlive the process and be seen by every instance.
 */
public final class InMemorySendClaims implements SendClaims {

    private static final String REPORTED = "reported";

    private final Duration lease;
    private final Duration retention;
    private final GatewayStarts starts;
    private final boolean requireAdmission;
    private final Duration answerWindow;
    private final Map<String, Challenge> challenges = new HashMap<>();

    /** Every admission stands and was answered; requests without one are sent. */
    public InMemorySendClaims(Duration lease, Duration retention) {
        this(lease, retention, GatewayStarts.EVERY_ONE_ANSWERED, false, Duration.ZERO);
    }

    /**
     * @param starts       the gateway's side of each start (in Redis: the number's starts and the answered marks)
     * @param answerWindow how long after its admission a start may be marked answered; zero: send unmarked
     */
    public InMemorySendClaims(Duration lease, Duration retention, GatewayStarts starts, boolean requireAdmission,
                              Duration answerWindow) {
        this.lease = lease;
        this.retention = retention;
        this.starts = starts;
        this.requireAdmission = requireAdmission;
        this.answerWindow = answerWindow;
    }

    /** The gateway's side of a start as a claim reads it; in Redis, its keys. */
    public interface GatewayStarts {

        GatewayStarts EVERY_ONE_ANSWERED = new GatewayStarts() {
            @Override
            public Optional<Instant> admittedAt(AdmissionTicket ticket) {
                return Optional.of(Instant.EPOCH);
            }

            @Override
            public boolean answered(AdmissionTicket ticket) {
                return true;
            }

            @Override
            public void giveBack(AdmissionTicket ticket) {
            }
        };

        /** When the start was admitted; empty once the gateway gave it up (its slot is gone). */
        Optional<Instant> admittedAt(AdmissionTicket ticket);

        /** Whether its {@code 202} has left for the client. */
        boolean answered(AdmissionTicket ticket);

        /** Gives its slot back: the client was never told a code is coming. */
        void giveBack(AdmissionTicket ticket);
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
            AdmissionTicket admission = holder.admission();
            if (admission == null) {
                if (requireAdmission) {
                    return new Claim.Withdrawn(RedisSendClaims.NO_ADMISSION);
                }
            } else {
                Optional<Instant> admittedAt = starts.admittedAt(admission);
                if (admittedAt.isEmpty()) {
                    return new Claim.Withdrawn(RedisSendClaims.ADMISSION_GONE);
                }
                if (!answerWindow.isZero() && !starts.answered(admission)) {
                    Instant windowEnd = admittedAt.get().plus(answerWindow);
                    if (now.isBefore(windowEnd)) {
                        return new Claim.Unanswered(windowEnd);
                    }
                    starts.giveBack(admission);
                    return new Claim.Withdrawn(RedisSendClaims.UNANSWERED);
                }
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
