package io.phonegate.gateway.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.gateway.limits.Admission;
import io.phonegate.gateway.limits.StoreUnavailableException;
import io.phonegate.gateway.pacing.Pacer;
import io.phonegate.gateway.pacing.PacingSettings;
import io.phonegate.gateway.shedding.BusyAnswer;
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
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes a start's {@code 202} no sooner than its floor and marks the start answered
 * ({@link Admission#answered}) once the answer has left: the dispatcher sends a code only then, so a gateway that
 * dies between queueing the code and answering sends none. A start whose answer could not be written (the
 * client is gone) or never left (see below) gets no mark and its admission back; so does one whose {@code 202}
 * left past the answer deadline ({@link SheddingSettings#answerDeadline()}), whose client most likely gave up (a
 * write to a connection the client has just closed still succeeds). A store that cannot take the mark is asked
 * again until the code expires (a store outage outlasts any short schedule); past the dispatcher's answer window
 * the code is withdrawn and reported {@code FAILED}, which the client's status poll shows, and the slot given
 * back lets it ask again.
 * <p>
 * The answer is written straight from the request's async context, not returned to Spring MVC as a future:
 * MVC answers a future with a second dispatch through the filters, the handler adapter and the message
 * converters (a quarter of a millisecond of a start's CPU, measured), where this answer is a few hundred bytes
 * known as the controller returns. The write runs on a container thread ({@link AsyncContext#start}), never on
 * the pacer's single thread, which a client that stops reading could otherwise hold up for everyone.
 */
@Component
final class StartAnswers implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StartAnswers.class);
    /** Soon at first, then once a second while the code lives: the dispatcher waits for the mark through its answer window. */
    private static final List<Duration> FIRST_RETRIES = List.of(Duration.ofMillis(50), Duration.ofMillis(250));
    private static final Duration LATER_RETRIES = Duration.ofSeconds(1);
    /**
     * How long past the answer deadline an answer that has not started to leave is given up with {@code 503}: a
     * safety net for a stopped pacer or container pool (its code is withdrawn either way, being late).
     */
    private static final Duration STUCK_MARGIN = Duration.ofSeconds(5);

    private final Pacer pacer;
    private final Admission admission;
    private final Clock clock;
    private final JsonMapper json;
    private final BusyAnswer busy;
    private final SheddingSettings shedding;
    private final Counter answeredLate;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "start-answered-retry");
        thread.setDaemon(true);
        return thread;
    });

    StartAnswers(Pacer pacer, Admission admission, Clock clock, JsonMapper json, BusyAnswer busy,
                 SheddingSettings shedding, PacingSettings pacing, MeterRegistry meters) {
        this.pacer = pacer;
        this.admission = admission;
        this.clock = clock;
        this.json = json;
        this.busy = busy;
        this.shedding = shedding;
        Duration longestNormalAnswer = shedding.requestDeadline().plus(pacing.maxFloor());
        if (shedding.answerDeadline().compareTo(longestNormalAnswer) < 0) {
            // Allowed (tests use it), but in a deployment it withdraws the codes of slow yet normal answers.
            log.warn("phonegate.gateway.shedding.answer-deadline ({}) is under request-deadline + pacing max-floor ({}):"
                    + " a start answered after it gets a 202 and no code", shedding.answerDeadline(), longestNormalAnswer);
        }
        this.answeredLate = Counter.builder(SheddingConfig.SHED).tag("reason", "answer_late").register(meters);
    }

    /**
     * Answers the start {@code 202} with {@code started}'s body at {@code notBefore} (a {@link System#nanoTime()}
     * instant): at once when its work outlasted the floor, else asynchronously, the request thread returning now.
     */
    void answerAt(HttpServletRequest request, HttpServletResponse response, long notBefore, LoginService.Started started) {
        byte[] body = json.writeValueAsBytes(started.answer());
        long untilDue = notBefore - System.nanoTime();
        if (untilDue <= 0) {
            settle(request, started, write(response, body));
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(TimeUnit.NANOSECONDS.toMillis(untilDue) + shedding.answerDeadline().plus(STUCK_MARGIN).toMillis());
        Answer answer = new Answer(async, request, response, body, started);
        async.addListener(answer);
        pacer.runAt(notBefore, answer::leave);
    }

    /** @return whether the answer left: written, flushed to the client and ended */
    private static boolean write(HttpServletResponse response, byte[] body) {
        try {
            response.setStatus(HttpStatus.ACCEPTED.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            ServletOutputStream out = response.getOutputStream();
            out.write(body);
            // No Content-Length: the container would end the answer inside write() and keep a write that failed
            // to itself. A flush fails here when the client has gone; closing, not only flushing, then ends the
            // answer on the wire (its last chunk): a client holding an unfinished 202 when the gateway dies has none.
            out.flush();
            out.close();
            return true;
        } catch (IOException gone) {
            log.info("The client left before its 202 reached it: its code is withdrawn ({})", gone.getMessage());
            return false;
        }
    }

    /** Marks the start answered if its {@code 202} left in time; else gives its admission back. */
    private void settle(HttpServletRequest request, LoginService.Started started, boolean left) {
        Admission.Slot slot = started.queued();
        if (slot == null) {
            return;
        }
        if (left && !RequestArrival.olderThan(request, shedding.answerDeadline())) {
            mark(slot, started.codeExpiresAt(), 0);
            return;
        }
        if (left) {
            // Counted, not logged one by one: it happens by the hundred when the gateway is overloaded.
            answeredLate.increment();
        }
        admission.release(slot);
    }

    /** One paced start's answer: settled once, by whichever comes first of its time, a timeout or an error. */
    private final class Answer implements AsyncListener {

        private final AsyncContext async;
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final byte[] body;
        private final LoginService.Started started;
        private final AtomicBoolean settled = new AtomicBoolean();

        Answer(AsyncContext async, HttpServletRequest request, HttpServletResponse response, byte[] body,
               LoginService.Started started) {
            this.async = async;
            this.request = request;
            this.response = response;
            this.body = body;
            this.started = started;
        }

        /** On the pacer's thread: hands the write to a container thread. */
        void leave() {
            try {
                async.start(this::writeAndSettle);
            } catch (IllegalStateException | RejectedExecutionException over) {
                // Timed out or failed meanwhile (its listener settled it), or the gateway is stopping.
            }
        }

        private void writeAndSettle() {
            if (settled.compareAndSet(false, true)) {
                try {
                    settle(request, started, write(response, body));
                } finally {
                    complete();
                }
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            try {
                if (settled.compareAndSet(false, true)) {
                    answeredLate.increment();
                    if (started.queued() != null) {
                        admission.release(started.queued());
                    }
                    busy.send(request, response, shedding.retryAfter());
                }
            } finally {
                complete();
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            try {
                if (settled.compareAndSet(false, true) && started.queued() != null) {
                    admission.release(started.queued());
                }
            } finally {
                complete();
            }
        }

        /** Ends the async answer, unless the container already is ending it (after an error). */
        private void complete() {
            try {
                async.complete();
            } catch (IllegalStateException ending) {
                // The container completes it itself.
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
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
}
