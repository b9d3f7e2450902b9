package io.phonegate.gateway.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.phonegate.gateway.problem.Problem;
import io.phonegate.gateway.problem.ProblemResponses;
import io.phonegate.gateway.shedding.AnswerCompletion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts and times every start and verify by outcome ({@code docs/observability.md}), whoever
 * answered it: the controller, the error handler, or a filter (body too large). The outcome
 * comes from the problem the answer carried; no request data becomes a label.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuthMetricsFilter extends OncePerRequestFilter {

    private final MeterRegistry meters;
    /** By endpoint and outcome (a few dozen at most): registered once, not looked up by name and tags per request. */
    private final Map<String, Meters> byOutcome = new ConcurrentHashMap<>();

    AuthMetricsFilter(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return endpoint(request) == null;
    }

    /** Answers that are paced go on asynchronously: they are counted when they are complete, wait included. */
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            AnswerCompletion.whenComplete(request, () -> record(request, response, started));
        }
    }

    private void record(HttpServletRequest request, HttpServletResponse response, long started) {
        String endpoint = endpoint(request);
        String outcome = outcome(endpoint, (Problem) request.getAttribute(ProblemResponses.PROBLEM_ATTRIBUTE),
                response.getStatus());
        Meters counted = byOutcome.computeIfAbsent(endpoint + ' ' + outcome, key -> register(endpoint, outcome));
        counted.count().increment();
        counted.time().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private Meters register(String endpoint, String outcome) {
        String counter = "start".equals(endpoint) ? "phonegate.auth.starts" : "phonegate.auth.verifies";
        return new Meters(Counter.builder(counter).tag("outcome", outcome).register(meters),
                Timer.builder("phonegate.auth." + endpoint).tag("outcome", outcome).publishPercentileHistogram()
                        .register(meters));
    }

    private record Meters(Counter count, Timer time) {
    }

    private static String endpoint(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        return switch (request.getRequestURI()) {
            case "/v1/auth/start" -> "start";
            case "/v1/auth/verify" -> "verify";
            default -> null;
        };
    }

    static String outcome(String endpoint, Problem problem, int status) {
        if (problem == null) {
            if (status < 400) {
                return "start".equals(endpoint) ? "challenged" : "success";
            }
            problem = Problem.forStatus(status);
        }
        return switch (problem) {
            case COUNTRY_NOT_ALLOWED -> "start".equals(endpoint) ? "country_not_allowed" : "invalid_input";
            case BOT_CHECK_FAILED -> "bot_check_failed";
            case RATE_LIMITED -> "rate_limited";
            case COGNITO_THROTTLED -> "cognito_throttled";
            case BUSY -> "shed";
            case UNAVAILABLE -> "unavailable";
            case WRONG_CODE -> "wrong_code";
            case START_AGAIN -> "expired";
            case INTERNAL_ERROR, INVALID_REFRESH_TOKEN -> "error";
            default -> "invalid_input";
        };
    }
}
