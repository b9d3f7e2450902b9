package io.phonegate.dispatcher.delivery;

import io.phonegate.common.event.DeliveryOutcome;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.seal.SealException;
import io.phonegate.dispatcher.backstop.Backstop;
import io.phonegate.dispatcher.claim.Holder;
import io.phonegate.dispatcher.claim.SendClaims.Claim;
import io.phonegate.dispatcher.claim.SendClaims.Renewal;
import io.phonegate.dispatcher.claim.SendClaims.Settlement;
import io.phonegate.dispatcher.report.DeliveryReports.Outcome;
import io.phonegate.dispatcher.sms.SendResult;
import io.phonegate.dispatcher.sms.Sms;
import io.phonegate.dispatcher.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One request on its way, from its claim to its one report. Its steps run on worker threads, one
 * at a time. Each step makes at most one store call, before anything else it does outside this
 * process: a step whose store call fails is run again, whole, once the store answers, so nothing
 * (an SMS, a report) happens twice and nothing happens without the store's word.
 *
 * <pre>
 * (a start's 202 usually leaves a learnt time after its request arrives: the first claim waits that long)
 * claim ─ reported ─────────────────────────────────────────────▶ end (offset may go)
 *       ─ withdrawn (nothing sent, the gateway's admission gone) ──▶ settle FAILED
 *       ─ busy ─ later ─▶ claim
 *       ─ unanswered (the start's 202 has not left yet) ─ soon ─▶ claim
 *       ─ duplicate / settled ─ on Kafka already? ─ no ────────▶ publish (yes: reported)
 *       ─ send ─▶ prepare (expired? backstop? unseal) ─ no ────▶ settle
 *                 pace ─ too late ─────────────────────────────▶ settle EXPIRED
 *                 attempt: renew ─ lost ──────────────────────▶ end (the new holder reports)
 *                               ─ settled ─────────────────────▶ publish
 *                          SNS ─ retryable ─ back off ─▶ pace
 *                              ─ answered ─────────────────────▶ settle ─▶ publish ─▶ end, note it reported
 * </pre>
 */
final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
    private static final Duration SHORTEST_BUSY_WAIT = Duration.ofMillis(20);
    private static final Duration LONGEST_BUSY_WAIT = Duration.ofSeconds(1);
    /** How far the gateway's clock (a request's occurredAt) may be ahead of the dispatcher's. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final Duration REPORT_LOG_RETRY = Duration.ofSeconds(1);

    private final DeliveryParts parts;
    private final AnswerWaits answerWaits;
    private final OtpRequested request;
    private final Holder holder;
    private final Runnable finished;
    private Sms sms;
    private int attempts;
    /** Claims that found the start not answered yet, the wait before the last look again, whether the first look told {@link AnswerWaits}. */
    private int unanswered;
    private Duration answerWait;
    private boolean firstLookJudged;
    /** The first look came at or past the learnt time: its miss says the time is too short, its find says nothing. */
    private boolean firstLookLate;
    private String lastError;
    private boolean over;
    /** A bug ended this delivery once; a second one (while reporting the first) ends it without a report. */
    private boolean failed;

    /** @param finished runs once, when the request's offset may be committed */
    Delivery(DeliveryParts parts, AnswerWaits answerWaits, OtpRequested request, Runnable finished) {
        this.parts = parts;
        this.answerWaits = answerWaits;
        this.request = request;
        this.holder = Holder.newFor(request);
        this.finished = finished;
    }

    /**
     * A fresh request with an admission is first claimed when its start's {@code 202} has usually left
     * ({@link AnswerWaits}): claimed on arrival, it would nearly always be "not answered yet", a store call
     * per SMS for nothing. A request that comes late (a backlog, a redelivery) is claimed at once.
     */
    void start() {
        Duration wait = request.admission() == null ? Duration.ZERO
                : answerWaits.untilFirstLook(Duration.between(request.occurredAt(), parts.clock().instant()));
        if (wait.isZero()) {
            firstLookLate = true;
            run(this::claim);
        } else {
            parts.workers().later(wait, () -> run(this::claim));
        }
    }

    private void claim() {
        Instant now = parts.clock().instant();
        Claim claim = parts.claims().claim(holder, now, request.expiresAt());
        if (claim instanceof Claim.Send send) {
            judgeFirstLook(true);
            parts.metrics().claim(send.takenOver() ? "taken_over" : "claimed");
            if (send.takenOver()) {
                LOG.info("Request {} for {} taken over from a holder that stopped ({} SNS attempts before)",
                        request.eventId(), request.phone(), send.attemptsSoFar());
            }
            attempts = send.attemptsSoFar();
            run(this::prepare);
        } else if (claim instanceof Claim.Withdrawn withdrawn) {
            parts.metrics().claim("withdrawn");
            LOG.info("Request {} for {} not sent: {}", request.eventId(), request.phone(), withdrawn.reason());
            settle(Outcome.notSent(DeliveryOutcome.FAILED, 0, withdrawn.reason()));
        } else if (claim instanceof Claim.Unanswered notYet) {
            parts.metrics().claim("unanswered");
            parts.workers().later(answerWait(Duration.between(now, notYet.windowEnd())), () -> run(this::claim));
        } else if (claim instanceof Claim.Busy busy) {
            parts.metrics().claim("busy");
            parts.workers().later(busyWait(Duration.between(now, busy.leaseEnd())), () -> run(this::claim));
        } else if (claim instanceof Claim.Settled settled) {
            parts.metrics().claim("settled");
            run(() -> publishUnlessOnKafka(settled.outcome()));
        } else if (claim instanceof Claim.Duplicate duplicate) {
            parts.metrics().claim("duplicate");
            Outcome outcome = Outcome.notSent(DeliveryOutcome.DUPLICATE, 0, "another request for this challenge already owns its SMS");
            if (duplicate.takenOver()) {
                run(() -> publishUnlessOnKafka(outcome));
            } else {
                publish(outcome);
            }
        } else {
            parts.metrics().claim("reported");
            LOG.info("Request {} for {} was reported before: acknowledged without a new report", request.eventId(), request.phone());
            end();
        }
    }

    /** Expired? Refused by the backstop? Then no send. Else the SMS text, and the wait for its turn. */
    private void prepare() {
        Instant now = parts.clock().instant();
        if (!now.isBefore(request.expiresAt())) {
            expire();
            return;
        }
        Optional<Backstop.Refusal> refusal = parts.backstop().check(request.phone(), now);
        if (refusal.isPresent()) {
            parts.metrics().backstopRefused(refusal.get().kind());
            LOG.warn("Request {} for {} refused by the backstop ({}): an event the gateway should not have admitted",
                    request.eventId(), request.phone(), refusal.get().kind().tag());
            settle(Outcome.notSent(refusal.get().kind().outcome(), attempts, refusal.get().reason()));
            return;
        }
        try {
            sms = parts.messages().compose(request, now);
        } catch (SealException e) {
            settle(Outcome.notSent(DeliveryOutcome.FAILED, attempts, "the sealed code could not be opened: " + e.getMessage()));
            return;
        }
        run(this::pace);
    }

    /** Waits for a turn of the shared send rate, as long as the code lives. */
    private void pace() {
        Instant now = parts.clock().instant();
        Duration left = Duration.between(now, request.expiresAt());
        if (left.isNegative() || left.isZero()) {
            expire();
            return;
        }
        Optional<Duration> wait = parts.pacing().reserve(now, left);
        if (wait.isEmpty()) {
            settle(Outcome.notSent(DeliveryOutcome.EXPIRED, attempts, "the send rate could not fit it in before the code expired"));
        } else if (wait.get().isZero()) {
            run(this::attempt);
        } else {
            parts.workers().later(wait.get(), () -> run(this::attempt));
        }
    }

    private void attempt() {
        if (!parts.clock().instant().isBefore(request.expiresAt())) {
            expire();
            return;
        }
        Renewal renewal = parts.claims().renew(holder, parts.clock().instant());
        if (renewal instanceof Renewal.Go go) {
            attempts = go.attempt();
            send();
        } else if (renewal instanceof Renewal.Settled settled) {
            publish(settled.outcome());
        } else {
            parts.metrics().claim("lost");
            LOG.info("Request {} for {} was taken over by another delivery before its send: leaving it to that one",
                    request.eventId(), request.phone());
            end();
        }
    }

    private void send() {
        SendResult result = parts.sender().send(sms);
        Instant now = parts.clock().instant();
        if (result instanceof SendResult.Accepted accepted) {
            parts.metrics().sendAttempt("success");
            parts.metrics().deliveryLatency(Duration.between(request.occurredAt(), now));
            settle(Outcome.sent(attempts, accepted.messageId()));
            return;
        }
        SendResult.Refused refused = (SendResult.Refused) result;
        parts.metrics().sendAttempt(refused.failure().tag());
        lastError = refused.errorCode();
        if (!refused.failure().retryable()) {
            settle(Outcome.notSent(DeliveryOutcome.FAILED, attempts, "SNS refused the SMS: " + lastError));
            return;
        }
        Duration pause = parts.backoff().after(attempts);
        if (!now.plus(pause).isBefore(request.expiresAt())) {
            expire();
            return;
        }
        LOG.debug("SNS answered {} for {} (attempt {}); retrying in {}", lastError, request.phone(), attempts, pause);
        parts.workers().later(pause, () -> run(this::pace));
    }

    private void expire() {
        settle(Outcome.notSent(DeliveryOutcome.EXPIRED, attempts, attempts == 0
                ? "the code expired before it could be sent"
                : "the code expired while retrying after " + attempts + " attempts (last error: " + lastError + ")"));
    }

    /** The outcome goes into the claim before the report goes out, as its own step. */
    private void settle(Outcome outcome) {
        run(() -> {
            Settlement settlement = parts.claims().settle(holder, outcome);
            if (settlement instanceof Settlement.Publish publish) {
                publish(publish.outcome());
            } else {
                parts.metrics().claim("lost");
                LOG.info("Request {} for {} ended {} but another delivery holds it now and reports it",
                        request.eventId(), request.phone(), outcome.outcome());
                end();
            }
        });
    }

    /**
     * The earlier holder stopped after its outcome was settled: between publishing the report and
     * noting it, perhaps. The report log says which; while it cannot be read, ask again later.
     */
    private void publishUnlessOnKafka(Outcome outcome) {
        boolean onKafka;
        try {
            onKafka = parts.reportLog().contains(request, request.occurredAt().minus(CLOCK_SKEW));
        } catch (RuntimeException e) {
            LOG.warn("Could not read the report log for request {}: {}; asking again in {}", request.eventId(), e.toString(),
                    REPORT_LOG_RETRY);
            parts.workers().later(REPORT_LOG_RETRY, () -> run(() -> publishUnlessOnKafka(outcome)));
            return;
        }
        if (onKafka) {
            LOG.info("Request {} for {} was reported by a holder that stopped before noting it: not reported again",
                    request.eventId(), request.phone());
            end();
            noteReported();
        } else {
            publish(outcome);
        }
    }

    private void publish(Outcome outcome) {
        sms = null;
        if (outcome.outcome() != DeliveryOutcome.SENT) {
            LOG.info("Request {} for {} ended {}: {}", request.eventId(), request.phone(), outcome.outcome(), outcome.reason());
        }
        parts.reports().report(request, outcome, () -> {
            end();
            noteReported();
        });
    }

    /**
     * Notes in the claim that the report is on Kafka, after the slot and the offset were let go:
     * the note saves a redelivery the look at the report log, it is not what makes the report
     * once (a redelivery of a settled claim looks for the report before publishing it).
     */
    private void noteReported() {
        try {
            parts.claims().reported(holder);
        } catch (StoreUnavailableException e) {
            parts.outage().retryWhenBack(this::noteReported, e);
        } catch (RuntimeException e) {
            LOG.error("Could not note the report of request {} in its claim: {}", request.eventId(), e.getClass().getName());
        }
    }

    private void end() {
        if (!over) {
            over = true;
            sms = null;
            finished.run();
        }
    }

    /**
     * Runs one step. The store not answering is no error: the step waits for the store and runs
     * again. A bug still ends in a report (through the claim), never in a silently stuck slot.
     */
    private void run(Runnable step) {
        if (over) {
            return;
        }
        try {
            step.run();
        } catch (StoreUnavailableException e) {
            parts.outage().retryWhenBack(() -> run(step), e);
        } catch (RuntimeException e) {
            LOG.error("Delivery of request {} to {} failed unexpectedly: {}", request.eventId(), request.phone(), e.getClass().getName());
            if (failed) {
                end();
                return;
            }
            failed = true;
            settle(Outcome.notSent(DeliveryOutcome.FAILED, attempts, "internal error: " + e.getClass().getSimpleName()));
        }
    }

    /**
     * After a look that found no mark, short doubling steps; the last one lands just past the window's end,
     * where the claim withdraws the request.
     */
    private Duration answerWait(Duration untilWindowEnds) {
        judgeFirstLook(false);
        unanswered++;
        answerWait = unanswered == 1 ? AnswerWaits.SHORTEST : AnswerWaits.after(answerWait);
        return answerWait.compareTo(untilWindowEnds) <= 0 ? answerWait : untilWindowEnds.plusMillis(1);
    }

    /** What the first look found, told once (a late one only when it found no mark). */
    private void judgeFirstLook(boolean found) {
        if (!firstLookJudged) {
            firstLookJudged = true;
            if (!(firstLookLate && found)) {
                answerWaits.firstLook(found);
            }
        }
    }

    private static Duration busyWait(Duration untilLeaseEnds) {
        if (untilLeaseEnds.compareTo(SHORTEST_BUSY_WAIT) < 0) {
            return SHORTEST_BUSY_WAIT;
        }
        return untilLeaseEnds.compareTo(LONGEST_BUSY_WAIT) > 0 ? LONGEST_BUSY_WAIT : untilLeaseEnds;
    }
}
