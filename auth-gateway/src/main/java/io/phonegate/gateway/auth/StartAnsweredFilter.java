package io.phonegate.gateway.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.gateway.limits.Admission;
import io.phonegate.gateway.limits.StoreUnavailableException;
import io.phonegate.gateway.pacing.PacingSettings;
import io.phonegate.gateway.shedding.RequestArrival;
import io.phonegate.gateway.shedding.SheddingConfig;
import io.phonegate.gateway.shedding.SheddingSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Marks a start answered ({@link Admission#answered}) once its {@code 202} has left for the client: the
 * dispatcher sends a code only then, so a gateway that dies between queueing the code and answering
 * sends none. Innermost filter, on the dispatch that writes the paced answer: it ends the answer on
 * the wire first, and a start whose answer could not be written (the client is gone) or is not a {@code 202}
 * after all (the async wait timed out) gets no mark and its admission back; so does one whose {@code 202} left
 * past the answer deadline ({@link SheddingSettings#answerDeadline()}), whose client most likely gave up (a write
 * to a connection the client has just closed still succeeds). A store that cannot take
 * the mark is asked again until the code expires (a store outage outlasts any short schedule); past the
 * dispatcher's answer window the code is withdrawn and
 * reported {@code FAILED}, which the client's status poll shows, and the slot given back lets it ask again.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
final class StartAnsweredFilter extends OncePerRequestFilter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StartAnsweredFilter.class);
    private static final String EXPECTED = StartAnsweredFilter.class.getName() + ".expected";
    /** Soon at first, then once a second while the code lives: the dispatcher waits for the mark through its answer window. */
    private static final List<Duration> FIRST_RETRIES = List.of(Duration.ofMillis(50), Duration.ofMillis(250));
    private static final Duration LATER_RETRIES = Duration.ofSeconds(1);

    private final Admission admission;
    private final Clock clock;
    private final Duration answerDeadline;
    private final Counter answeredLate;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "start-answered-retry");
        thread.setDaemon(true);
        return thread;
    });

    StartAnsweredFilter(Admission admission, Clock clock, SheddingSettings shedding, PacingSettings pacing,
                        MeterRegistry meters) {
        this.admission = admission;
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

    /** A code was queued for this start: mark it answered once the {@code 202} has left. */
    static void expect(HttpServletRequest request, Admission.Slot slot, Instant codeExpiresAt) {
        request.setAttribute(EXPECTED, new Expected(slot, codeExpiresAt));
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean written = false;
        try {
            chain.doFilter(request, response);
            written = true;
        } finally {
            if (!isAsyncStarted(request) && request.getAttribute(EXPECTED) instanceof Expected expected) {
                request.removeAttribute(EXPECTED);
                settle(expected, written && response.getStatus() == HttpStatus.ACCEPTED.value(), request, response);
            }
        }
    }

    private void settle(Expected expected, boolean accepted, HttpServletRequest request, HttpServletResponse response) {
        if (accepted) {
            try {
                // Closing, not only flushing, ends the answer on the wire (its length, or a chunked body's last
                // chunk): a client holding a flushed but unfinished 202 when the gateway dies has no answer.
                response.getOutputStream().close();
                if (!RequestArrival.olderThan(request, answerDeadline)) {
                    mark(expected, 0);
                    return;
                }
                // Counted, not logged one by one: it happens by the hundred when the gateway is overloaded.
                answeredLate.increment();
            } catch (IOException gone) {
                log.info("The client left before its 202 reached it: its code is withdrawn ({})", gone.getMessage());
            }
        }
        admission.release(expected.slot());
    }

    private void mark(Expected expected, int retry) {
        try {
            admission.answered(expected.slot(), expected.codeExpiresAt());
        } catch (StoreUnavailableException e) {
            Duration next = retry < FIRST_RETRIES.size() ? FIRST_RETRIES.get(retry) : LATER_RETRIES;
            if (!clock.instant().plus(next).isBefore(expected.codeExpiresAt())) {
                log.warn("Could not mark a start answered before its code expired ({} tries): the dispatcher withdraws it",
                        retry + 1);
                return;
            }
            try {
                retries.schedule(() -> mark(expected, retry + 1), next.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                log.warn("Stopping: a start left unmarked answered, so the dispatcher will withdraw its code");
            }
        }
    }

    @Override
    public void destroy() {
        retries.shutdownNow();
    }

    private record Expected(Admission.Slot slot, Instant codeExpiresAt) {
    }
}
