package io.phonegate.gateway.limits;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * How a request the per-address limit refused is answered, before MVC is reached: {@code 429} with
 * {@code Retry-After}. A flood from one address is answered this way for every request it sends, so the answer
 * must cost next to nothing.
 */
@FunctionalInterface
public interface RateLimitAnswer {

    void send(HttpServletRequest request, HttpServletResponse response, RateLimitedException refused)
            throws IOException;
}
