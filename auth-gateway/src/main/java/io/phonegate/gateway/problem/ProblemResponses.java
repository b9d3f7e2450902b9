package io.phonegate.gateway.problem;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.Map;

/** Builds problem answers and notes on the request which problem it was (the metrics read it). */
public final class ProblemResponses {

    /** Request attribute holding the {@link Problem} an answer carried. */
    public static final String PROBLEM_ATTRIBUTE = ProblemResponses.class.getName() + ".problem";

    private ProblemResponses() {
    }

    public static ProblemDetail detail(Problem problem, String detail, Map<String, Object> properties) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), detail);
        body.setType(problem.type());
        body.setTitle(problem.title());
        properties.forEach(body::setProperty);
        return body;
    }

    public static ResponseEntity<ProblemDetail> entity(HttpServletRequest request, ApiProblem problem) {
        return entity(request, problem.problem(), detail(problem.problem(), problem.detail(), problem.properties()),
                problem.retryAfter());
    }

    public static ResponseEntity<ProblemDetail> entity(HttpServletRequest request, Problem problem, ProblemDetail body,
                                                       Duration retryAfter) {
        note(request, problem);
        HttpHeaders headers = new HttpHeaders();
        if (retryAfter != null) {
            headers.set(HttpHeaders.RETRY_AFTER, retryAfterSeconds(retryAfter));
        }
        return ResponseEntity.status(body.getStatus()).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    public static void note(HttpServletRequest request, Problem problem) {
        if (request != null) {
            request.setAttribute(PROBLEM_ATTRIBUTE, problem);
        }
    }

    /** Whole seconds, rounded up and at least 1, as {@code Retry-After} wants. */
    public static String retryAfterSeconds(Duration retryAfter) {
        long millis = Math.max(0, retryAfter.toMillis());
        return String.valueOf(Math.max(1, (millis + 999) / 1000));
    }
}
