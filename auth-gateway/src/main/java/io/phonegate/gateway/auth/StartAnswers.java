package io.phonegate.gateway.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.gateway.limits.Admission;
import io.phonegate.gateway.limits.StoreUnavailableException;
import io.phonegate.gateway.pacing.Pacer;
import io.phonegate.gateway.pacing.PacingSettings;
import io.phonegate.gateway.problem.ApiProblem;
import io.phonegate.gateway.problem.Problem;
import io.phonegate.gateway.problem.ProblemResponses;
import io.phonegate.gateway.shedding.RequestArrival;
import io.phonegate.gateway.shedding.SheddingConfig;
import io.phonegate.gateway.shedding.SheddingSettings;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends a start's {@code 202} no sooner than its floor and, when a code was queued for it, marks the start answered
 * ({@link Admission#answered}) once the {@code 202} has left for the client: the dispatcher sends a code only then,
 * so a gateway that dies between queueing the code and answering sends none. A start whose answer could not be
 * written (the client is gone) gets no mark and its admission back; so does one whose {@code 202} left past the
 * answer deadline ({@link SheddingSettings#answerDeadline()}), whose client most likely gave up (a write to a
 * connection the client has just closed still succeeds). A store that cannot take the mark is asked again until
 * the code expires (a store outage outlasts any short schedule); past the dispatcher's answer window the code is
 * withdrawn and reported {@code FAILED}, which the client's status poll shows, and the slot given back lets it ask
 * again.
 *
 * <p>The request goes async and the pacer hands the answer, serialised before the wait with the mapper MVC uses, to a
 * request thread that writes it: no second dispatch through the filters and Spring MVC (the handler found again, its
 * return value handled, the body negotiated), which cost about a tenth of the gateway's CPU per start. The filters
 * that time or judge the answer see it complete as before ({@code AnswerCompletion}).
 */
@Component
final class StartAnswers implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StartAnswers.class);
    /** Soon at first, then once a second while the code lives: the dispatcher waits for the mark through its answer window. */
    private static final List<Duration> FIRST_RETRIES = List.of(Duration.ofMillis(50), Duration.ofMillis(250));
    private static final Duration LATER_RETRIES = Duration.ofSeconds(1);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Pacer pacer;
    private final Admission admission;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration answerDeadline;
    private final Counter answeredLate;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "start-answered-retry");
        thread.setDaemon(true);
        return thread;
    });

    StartAnswers(Pacer pacer, Admission admission, JsonMapper json, Clock clock, SheddingSettings shedding,
                 PacingSettings pacing, MeterRegistry meters) {
        this.pacer = pacer;
        this.admission = admission;
        this.json = json;
        this.clock = clock;
        this.answerDeadline = shedding.answerDeadline();
        Duration longestNormalAnswer = shedding.requestDeadline().plus(pacing.maxFloor());
        if (answerDeadline.compareTo(longestNormalAnswer) < 0) {
            // Allowed (tests use it), but in a deployment it withdraws the codes of slow yet normal answers.
            log.warn("phonegate.gateway.shedding.answer-deadline ({}) is under request-deadline + pacing max-floor ({}):"
                    + " a start answered after it gets a 202 and no code", answerDeadline, longestNormalAnswer);
        }
        this.answeredLate = Counter.builder(SheddingConfig.SHED).tag("reason", "answer_late").register(meters);
    }

    /**
     * Answers {@code started} with a {@code 202} no sooner than {@code notBefore} (a {@link System#nanoTime()}
     * instant), asynchronously, holding no thread while it waits; by the same path when that has passed already.
     */
    void send(HttpServletRequest request, HttpServletResponse response, long notBefore, LoginService.Started started) {
        byte[] body = json.writeValueAsBytes(started.answer());
        AsyncContext async = request.startAsync(request, response);
        Answer answer = new Answer(async, request, response, body, started);
        // Only if the pacer never hands it on (the gateway is stopping): a late answer would be withdrawn anyway.
        long wait = Math.max(0, notBefore - System.nanoTime());
        async.setTimeout(TimeUnit.NANOSECONDS.toMillis(wait) + answerDeadline.toMillis());
        async.addListener(answer);
        try {
            pacer.runAt(notBefore, () -> async.start(answer::accept));
        } catch (RejectedExecutionException stopping) {
            answer.refused();
        }
    }

    /** Writes the {@code 202} and ends it on the wire, then settles the start's admission: whether it was written. */
    private boolean write(HttpServletRequest request, HttpServletResponse response, byte[] body,
                          LoginService.Started started) {
        boolean written = false;
        try {
            response.setStatus(HttpStatus.ACCEPTED.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(body.length);
            ServletOutputStream out = response.getOutputStream();
            out.write(body);
            // Flushing is what reports a connection the client has reset (closing swallows it); closing, not only
            // flushing, ends the answer on the wire: a client holding an unfinished 202 when the gateway dies has none.
            out.flush();
            out.close();
            written = true;
        } catch (IOException gone) {
            log.info("The client left before its 202 reached it: its code is withdrawn ({})", gone.getMessage());
        }
        if (started.queued() != null) {
            settle(started, written, request);
        }
        return written;
    }

    private void settle(LoginService.Started started, boolean written, HttpServletRequest request) {
        if (written) {
            if (!RequestArrival.olderThan(request, answerDeadline)) {
                mark(started.queued(), started.codeExpiresAt(), 0);
                return;
            }
            // Counted, not logged one by one: it happens by the hundred when the gateway is overloaded.
            answeredLate.increment();
        }
        admission.release(started.queued());
    }

    private void mark(Admission.Slot slot, Instant codeExpiresAt, int retry) {
        try {
            admission.answered(slot, codeExpiresAt);
        } catch (StoreUnavailableException e) {
            Duration next = retry < FIRST_RETRIES.size() ? FIRST_RETRIES.get(retry) : LATER_RETRIES;
            if (!clock.instant().plus(next).isBefore(codeExpiresAt)) {
                log.warn("Could not mark a start answered before its code expired ({} tries): the dispatcher withdraws it",
                        retry + 1);
                return;
            }
            try {
                retries.schedule(() -> mark(slot, codeExpiresAt, retry + 1), next.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                log.warn("Stopping: a start left unmarked answered, so the dispatcher will withdraw its code");
            }
        }
    }

    @Override
    public void destroy() {
        retries.shutdownNow();
    }

    /**
     * A start waiting for its floor: settled once, by whichever comes first, the pacer's hand-over (the
     * {@code 202}), the async timeout ({@code 503}) or a failed connection (the admission given back for both).
     */
    private final class Answer implements AsyncListener {

        private final AsyncContext async;
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final byte[] body;
        private final LoginService.Started started;
        private final AtomicBoolean answered = new AtomicBoolean();

        Answer(AsyncContext async, HttpServletRequest request, HttpServletResponse response, byte[] body,
               LoginService.Started started) {
            this.async = async;
            this.request = request;
            this.response = response;
            this.body = body;
            this.started = started;
        }

        /** On a request thread: the {@code 202}. */
        void accept() {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            if (write(request, response, body, started)) {
                async.complete();
            }
            // Else the container saw the connection fail: it has told the listeners and ends the request itself.
        }

        /** The {@code 202} will not be sent: the gateway is stopping. */
        void refused() {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            if (started.queued() != null) {
                admission.release(started.queued());
            }
            try {
                ProblemResponses.write(request, response, new ApiProblem(Problem.UNAVAILABLE,
                        "the gateway is stopping; try again", Map.of(), RETRY_AFTER), json);
                response.flushBuffer();
            } catch (IOException gone) {
                log.info("The client left before its 503 reached it ({})", gone.getMessage());
                return; // the container ends the request, as for a 202 it could not send
            }
            async.complete();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            refused();
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        /** The connection failed while the start waited (the container ends the request): no answer, no code. */
        @Override
        public void onError(AsyncEvent event) {
            if (answered.compareAndSet(false, true) && started.queued() != null) {
                admission.release(started.queued());
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
