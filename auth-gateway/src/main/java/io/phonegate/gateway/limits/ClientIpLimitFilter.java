package io.phonegate.gateway.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The per-address rate, before anything reads the request's body: a refused request costs one store
 * call and no parsing, and its body is never read. The refusal closes the connection, so a body that
 * is still trickling in holds no thread ({@code server.tomcat.max-swallow-size: 0}). The answer is the
 * API's usual 429 problem, written without MVC's exception resolution ({@link RateLimitAnswer}).
 */
final class ClientIpLimitFilter extends OncePerRequestFilter {

    private final ClientIpLimit limit;
    private final RateLimitAnswer refusal;

    ClientIpLimitFilter(ClientIpLimit limit, RateLimitAnswer refusal) {
        this.limit = limit;
        this.refusal = refusal;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            limit.acquire(request.getRemoteAddr());
        } catch (RateLimitedException refused) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
            refusal.send(request, response, refused);
            return;
        }
        chain.doFilter(request, response);
    }
}
