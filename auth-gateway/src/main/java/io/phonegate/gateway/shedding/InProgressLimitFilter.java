package io.phonegate.gateway.shedding;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the API requests in progress. A request beyond the limit is answered {@code 503 busy} with
 * {@code Retry-After} at once, so overload costs the gateway almost nothing per refused request and those it
 * admits keep their usual latency. The limit is {@link SheddingSettings#maxInProgress()}, or, where
 * {@link SheddingSettings#adaptive()}, what {@link AdaptiveLimit} learns between {@code min-in-progress} and it
 * from the work times of successful writes (a {@code POST} answered 2xx: a start, a verify, a refresh; reads and
 * refusals cost too little to say how loaded the gateway is, and counting them would let whoever sends them
 * lower the limit). It runs once the body has arrived (read within its bounds by the body filter): a slow body
 * holds a thread as before but no slot. An admitted request carries its {@link RequestDeadline}, counted from
 * its arrival ({@link RequestArrival}). A request's slot is held while it is worked on; the pacing wait of a
 * paced answer (async, no thread) holds none. How long each admitted request held its slot is timed
 * ({@code phonegate.gateway.requests.work}): next to a request's whole time it tells whether a slow answer was
 * slow work (the host, Cognito, Kafka) or a wait around it (the body, the pacing, the answer's dispatch).
 */
final class InProgressLimitFilter extends OncePerRequestFilter {

    private final InProgressBound bound;
    private final AtomicInteger inProgress = new AtomicInteger();
    private final long deadlineNanos;
    private final Duration retryAfter;
    private final Counter shed;
    private final Timer work;
    private final BusyAnswer busy;

    InProgressLimitFilter(SheddingSettings settings, Counter shed, Timer work, BusyAnswer busy) {
        int maxInProgress = settings.maxInProgress();
        this.bound = settings.adaptive()
                ? new AdaptiveLimit(Math.min(settings.minInProgress(), maxInProgress), maxInProgress,
                settings.latencyTolerance())
                : InProgressBound.fixed(maxInProgress);
        this.deadlineNanos = settings.requestDeadline().toNanos();
        this.retryAfter = settings.retryAfter();
        this.shed = shed;
        this.work = work;
        this.busy = busy;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long arrived = RequestArrival.nanos(request);
        int admittedAs = admit();
        if (admittedAs == 0) {
            shed(request, response);
            return;
        }
        long admitted = System.nanoTime();
        RequestDeadline.set(arrived + deadlineNanos);
        try {
            chain.doFilter(request, response);
        } finally {
            RequestDeadline.clear();
            inProgress.decrementAndGet();
            long worked = System.nanoTime();
            work.record(worked - admitted, TimeUnit.NANOSECONDS);
            if (bound.learns() && HttpMethod.POST.matches(request.getMethod())) {
                learn(request, response, admitted, admittedAs, worked);
            }
        }
    }

    /** Takes a slot: the requests in progress with this one, or 0 when every slot is taken. */
    private int admit() {
        int limit = limit();
        int now;
        do {
            now = inProgress.get();
            if (now >= limit) {
                return 0;
            }
        } while (!inProgress.compareAndSet(now, now + 1));
        return now + 1;
    }

    /** Judges the work once the answer is known: for a paced or async answer, when it has been written. */
    private void learn(HttpServletRequest request, HttpServletResponse response, long admitted, int admittedAs,
                       long worked) {
        AnswerCompletion.whenComplete(request, () -> {
            if (successful(response)) {
                bound.learn(admitted, admittedAs, worked - admitted, System.nanoTime());
            }
        });
    }

    private static boolean successful(HttpServletResponse response) {
        return response.getStatus() >= 200 && response.getStatus() < 300;
    }

    /** Answers {@code 503 busy} with {@code Retry-After}, counted. */
    void shed(HttpServletRequest request, HttpServletResponse response) throws IOException {
        shed.increment();
        busy.send(request, response, retryAfter);
    }

    /** Whether every slot is taken right now (a look, not a reservation). */
    boolean full() {
        return inProgress.get() >= limit();
    }

    /** Requests worked on right now. */
    int inProgress() {
        return inProgress.get();
    }

    /** Requests that may be worked on at once right now. */
    int limit() {
        return bound.current();
    }
}
