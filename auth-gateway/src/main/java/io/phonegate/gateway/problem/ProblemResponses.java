package io.phonegate.gateway.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
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

    /**
     * Writes a problem straight to the response, as MVC would answer it ({@code instance} is the request's path),
     * for answers given before MVC is reached or that must cost next to nothing: MVC's exception resolution finds
     * the handler method, negotiates the content type and picks a converter on every call.
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, ApiProblem problem,
                             JsonMapper json) throws IOException {
        note(request, problem.problem());
        ProblemDetail body = detail(problem.problem(), problem.detail(), problem.properties());
        body.setInstance(instance(request));
        byte[] bytes = json.writeValueAsBytes(body);
        response.setStatus(body.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (problem.retryAfter() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds(problem.retryAfter()));
        }
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The request's path, or none where it is no valid URI (then MVC leaves it out too). */
    private static URI instance(HttpServletRequest request) {
        try {
            return URI.create(request.getRequestURI());
        } catch (IllegalArgumentException e) {
            return null;
        }
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
