package io.phonegate.gateway.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;

/**
 * The per-address rate, before anything reads the request's body: a refused request costs one store
 * call and no parsing, and its body is never read. The refusal closes the connection, so a body that
 * is still trickling in holds no thread ({@code server.tomcat.max-swallow-size: 0}). The answer is the
 * API's usual 429 problem, rendered by the same exception handlers as every other.
 */
final class ClientIpLimitFilter extends OncePerRequestFilter {

    private final ClientIpLimit limit;
    private final HandlerExceptionResolver problems;

    ClientIpLimitFilter(ClientIpLimit limit, HandlerExceptionResolver problems) {
        this.limit = limit;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            limit.acquire(request.getRemoteAddr());
        } catch (RateLimitedException refused) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
            if (problems.resolveException(request, response, null, refused) == null) {
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, (refused.retryAfter().toMillis() + 999) / 1000)));
                response.sendError(HttpStatus.TOO_MANY_REQUESTS.value());
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
