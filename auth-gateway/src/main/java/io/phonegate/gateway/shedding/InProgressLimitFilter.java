package io.phonegate.gateway.shedding;

import io.micrometer.core.instrument.Counter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Bounds the API requests in progress. A request beyond {@link SheddingSettings#maxInProgress()} is answered
 * {@code 503 busy} with {@code Retry-After} at once, so overload costs the gateway almost nothing per refused
 * request and those it admits keep their usual latency. It runs once the body has arrived (read within its
 * bounds by the body filter): a slow body holds a thread as before but no slot. An admitted request carries
 * its {@link RequestDeadline}, counted from its arrival ({@link RequestArrival}). A request's slot is held while it is worked on; the pacing
 * wait of a paced answer (async, no thread) holds none.
 */
final class InProgressLimitFilter extends OncePerRequestFilter {

    private final int maxInProgress;
    private final Semaphore slots;
    private final long deadlineNanos;
    private final Duration retryAfter;
    private final Counter shed;
    private final HandlerExceptionResolver problems;

    InProgressLimitFilter(SheddingSettings settings, Counter shed, HandlerExceptionResolver problems) {
        this.maxInProgress = settings.maxInProgress();
        this.slots = new Semaphore(maxInProgress);
        this.deadlineNanos = settings.requestDeadline().toNanos();
        this.retryAfter = settings.retryAfter();
        this.shed = shed;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long arrived = RequestArrival.nanos(request);
        if (!slots.tryAcquire()) {
            shed(request, response);
            return;
        }
        RequestDeadline.set(arrived + deadlineNanos);
        try {
            chain.doFilter(request, response);
        } finally {
            RequestDeadline.clear();
            slots.release();
        }
    }

    /** Answers {@code 503 busy} with {@code Retry-After}, counted. */
    void shed(HttpServletRequest request, HttpServletResponse response) throws IOException {
        shed.increment();
        OverloadedException busy = new OverloadedException("requests in progress at the limit", retryAfter);
        if (problems.resolveException(request, response, null, busy) == null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
            response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
        }
    }

    /** Whether every slot is taken right now (a look, not a reservation). */
    boolean full() {
        return slots.availablePermits() == 0;
    }

    /** Requests worked on right now. */
    int inProgress() {
        return maxInProgress - slots.availablePermits();
    }
}
