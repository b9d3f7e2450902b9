package io.phonegate.gateway.shedding;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;

/**
 * When an API request reached the gateway: the outermost filter notes it, before the body is read and before
 * any store call, so the deadlines count as much as the gateway can see of the time its client has waited.
 * (What queued before it — the listen backlog, a starved CPU — no server sees; clients must wait longer than
 * the answer deadline, and ours do.)
 */
public final class RequestArrival extends OncePerRequestFilter {

    private static final String ARRIVED = RequestArrival.class.getName() + ".nanos";

    /** The request's arrival as a {@link System#nanoTime()} instant; now, for a request this filter did not see. */
    public static long nanos(HttpServletRequest request) {
        return request.getAttribute(ARRIVED) instanceof Long arrived ? arrived : System.nanoTime();
    }

    /** Whether more than {@code deadline} has passed since the request arrived. */
    public static boolean olderThan(HttpServletRequest request, Duration deadline) {
        return System.nanoTime() - nanos(request) > deadline.toNanos();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(ARRIVED, System.nanoTime());
        chain.doFilter(request, response);
    }
}
