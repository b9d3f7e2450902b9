package io.phonegate.gateway.problem;

import io.phonegate.gateway.limits.RateLimitAnswer;
import io.phonegate.gateway.limits.RateLimitedException;
import io.phonegate.gateway.shedding.BusyAnswer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * The refusals given in filters, before MVC, written straight to the response: the same problems MVC writes,
 * without its exception resolution (finding the handler method, negotiating the content type, picking a
 * converter), which cost more than the rest of a refusal. They are sent most when the gateway has the least CPU
 * to spare: {@code 503 busy} under overload, {@code 429} to a flood from one address.
 */
@Component
public class DirectAnswers implements BusyAnswer, RateLimitAnswer {

    private static final String BUSY_DETAIL = "too many requests are in progress; try again shortly";

    private final JsonMapper json;

    public DirectAnswers(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void send(HttpServletRequest request, HttpServletResponse response, Duration retryAfter) throws IOException {
        ProblemResponses.write(request, response, new ApiProblem(Problem.BUSY, BUSY_DETAIL, Map.of(), retryAfter), json);
    }

    @Override
    public void send(HttpServletRequest request, HttpServletResponse response, RateLimitedException refused)
            throws IOException {
        ProblemResponses.write(request, response, ProblemHandler.rateLimited(refused), json);
    }
}
