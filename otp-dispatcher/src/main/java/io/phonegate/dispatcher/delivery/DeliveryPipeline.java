package io.phonegate.dispatcher.delivery;

import io.phonegate.common.event.DeliveryOutcome;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.seal.SealException;
import io.phonegate.dispatcher.DispatcherProperties;
import io.phonegate.dispatcher.Workers;
import io.phonegate.dispatcher.message.CodeMessages;
import io.phonegate.dispatcher.metrics.DispatcherMetrics;
import io.phonegate.dispatcher.ratelimit.LimitKind;
import io.phonegate.dispatcher.ratelimit.SendAdmission;
import io.phonegate.dispatcher.ratelimit.SendRate;
import io.phonegate.dispatcher.report.DeliveryReports;
import io.phonegate.dispatcher.report.DeliveryReports.Outcome;
import io.phonegate.dispatcher.sms.SendResult;
import io.phonegate.dispatcher.sms.Sms;
import io.phonegate.dispatcher.sms.SmsSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * From an {@code OtpRequested} to its one report.
 *
 * <p>On the consumer thread, in partition order: duplicate? expired? over a limit? Those end
 * at once. Everything else takes one of {@code maxInFlight} slots (the consumer waits when
 * none is free) and continues on the worker pool: wait for the global send rate, unseal and
 * render, call SNS, back off and retry transient failures, all bounded by the code's expiry.
 * Each number's delivery runs on its own, so a slow or failing number holds only its own slot.
 * The slot is released, and {@code reported} runs, when the report is on Kafka.
 */
public final class DeliveryPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryPipeline.class);

    private final SeenEvents seen;
    private final SendAdmission admission;
    private final SendRate rate;
    private final CodeMessages messages;
    private final SmsSender sender;
    private final DeliveryReports reporter;
    private final DispatcherMetrics metrics;
    private final Backoff backoff;
    private final Workers workers;
    private final Clock clock;
    private final Semaphore slots;
    private final int maxInFlight;

    public DeliveryPipeline(DispatcherProperties settings, SendAdmission admission, SendRate rate, CodeMessages messages,
                            SmsSender sender, DeliveryReports reporter, DispatcherMetrics metrics, Workers workers,
                            Clock clock) {
        this.seen = new SeenEvents(settings.dedupCapacity());
        this.admission = admission;
        this.rate = rate;
        this.messages = messages;
        this.sender = sender;
        this.reporter = reporter;
        this.metrics = metrics;
        this.backoff = Backoff.jittered(settings.retry());
        this.workers = workers;
        this.clock = clock;
        this.maxInFlight = settings.maxInFlight();
        this.slots = new Semaphore(maxInFlight);
        metrics.inFlight(this::inFlight);
    }

    /**
     * Takes one request; returns once it is decided or handed to a worker.
     *
     * @param reported runs exactly once, after the request's report was published; never when the
     *                 dispatcher is stopping (the request then stays uncommitted and is redelivered)
     * @throws InterruptedException when the consumer is stopped while waiting for a slot (nothing was done)
     */
    public void accept(OtpRequested request, Runnable reported) throws InterruptedException {
        slots.acquire();
        Optional<Outcome> decided = decide(request, clock.instant());
        Delivery delivery = new Delivery(request, reported);
        try {
            workers.execute(decided.isPresent() ? () -> delivery.finish(decided.get()) : delivery::start);
        } catch (RejectedExecutionException stopping) {
            slots.release();
            LOG.info("Stopping: request {} left uncommitted for redelivery", request.eventId());
        }
    }

    /** Deliveries under way now (holding a slot). */
    public int inFlight() {
        return maxInFlight - slots.availablePermits();
    }

    /** The outcome when the request ends before any send, else empty (and it counts against the limits). */
    private Optional<Outcome> decide(OtpRequested request, Instant now) {
        if (!seen.firstSighting(request.eventId())) {
            return Optional.of(Outcome.notSent(DeliveryOutcome.DUPLICATE, 0, "this request was already handled"));
        }
        if (!now.isBefore(request.expiresAt())) {
            return Optional.of(Outcome.notSent(DeliveryOutcome.EXPIRED, 0, "the code expired before it could be sent"));
        }
        Optional<LimitKind> refused = admission.admit(request.phone(), now);
        if (refused.isPresent()) {
            metrics.rateLimited(refused.get());
            return Optional.of(Outcome.notSent(DeliveryOutcome.RATE_LIMITED, 0, refused.get().reason()));
        }
        return Optional.empty();
    }

    /** One request on its way; its methods run on worker threads, one at a time. */
    private final class Delivery {

        private final OtpRequested request;
        private final Runnable reported;
        private Sms sms;
        private int attempts;
        private String lastError;
        private boolean finished;

        Delivery(OtpRequested request, Runnable reported) {
            this.request = request;
            this.reported = reported;
        }

        void start() {
            guarded(() -> {
                try {
                    sms = messages.compose(request, clock.instant());
                } catch (SealException e) {
                    finish(Outcome.notSent(DeliveryOutcome.FAILED, 0, "the sealed code could not be opened: " + e.getMessage()));
                    return;
                }
                awaitRate();
            });
        }

        /** Waits for a token of the global send rate, as long as the code lives. */
        private void awaitRate() {
            Duration left = Duration.between(clock.instant(), request.expiresAt());
            if (left.isNegative() || left.isZero()) {
                expire();
                return;
            }
            Optional<Duration> wait = rate.reserve(left);
            if (wait.isEmpty()) {
                finish(Outcome.notSent(DeliveryOutcome.EXPIRED, attempts,
                        "the global send rate could not fit it in before the code expired"));
            } else if (wait.get().isZero()) {
                attempt();
            } else {
                workers.later(wait.get(), () -> guarded(this::attempt));
            }
        }

        private void attempt() {
            if (!clock.instant().isBefore(request.expiresAt())) {
                expire();
                return;
            }
            attempts++;
            SendResult result = sender.send(sms);
            Instant now = clock.instant();
            if (result instanceof SendResult.Accepted accepted) {
                metrics.sendAttempt("success");
                metrics.deliveryLatency(Duration.between(request.occurredAt(), now));
                finish(Outcome.sent(attempts, accepted.messageId()));
                return;
            }
            SendResult.Refused refused = (SendResult.Refused) result;
            metrics.sendAttempt(refused.failure().tag());
            lastError = refused.errorCode();
            if (!refused.failure().retryable()) {
                finish(Outcome.notSent(DeliveryOutcome.FAILED, attempts, "SNS refused the SMS: " + lastError));
                return;
            }
            Duration pause = backoff.after(attempts);
            if (!now.plus(pause).isBefore(request.expiresAt())) {
                expire();
                return;
            }
            LOG.debug("SNS answered {} for {} (attempt {}); retrying in {}", lastError, request.phone(), attempts, pause);
            workers.later(pause, () -> guarded(this::awaitRate));
        }

        private void expire() {
            finish(Outcome.notSent(DeliveryOutcome.EXPIRED, attempts, attempts == 0
                    ? "the code expired before it could be sent"
                    : "the code expired while retrying after " + attempts + " attempts (last error: " + lastError + ")"));
        }

        void finish(Outcome outcome) {
            if (finished) {
                return;
            }
            finished = true;
            sms = null;
            if (outcome.outcome() != DeliveryOutcome.SENT) {
                LOG.info("Request {} for {} ended {}: {}", request.eventId(), request.phone(), outcome.outcome(), outcome.reason());
            }
            reporter.report(request, outcome, () -> {
                slots.release();
                reported.run();
            });
        }

        /** A bug must still end in a report, never in a silently stuck slot. */
        private void guarded(Runnable step) {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.error("Delivery of request {} to {} failed unexpectedly: {}", request.eventId(), request.phone(),
                        e.getClass().getName());
                finish(Outcome.notSent(DeliveryOutcome.FAILED, attempts, "internal error: " + e.getClass().getSimpleName()));
            }
        }
    }
}
