package io.phonegate.gateway.problem;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer that is a problem: thrown where the outcome is decided, written by {@link ProblemHandler}. */
public class ApiProblem extends RuntimeException {

    private final Problem problem;
    private final Map<String, Object> properties;
    private final Duration retryAfter;

    public ApiProblem(Problem problem, String detail) {
        this(problem, detail, Map.of(), null);
    }

    public ApiProblem(Problem problem, String detail, Map<String, Object> properties, Duration retryAfter) {
        super(detail, null, false, false);
        this.problem = problem;
        this.properties = new LinkedHashMap<>(properties);
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
