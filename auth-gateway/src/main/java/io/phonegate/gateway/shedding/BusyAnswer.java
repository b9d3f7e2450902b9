package io.phonegate.gateway.shedding;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;

/**
 * How a request turned away for capacity is answered: {@code 503 busy} with {@code Retry-After}. It is sent most
 * when the gateway has the least CPU to spare, so it must cost next to nothing.
 */
@FunctionalInterface
public interface BusyAnswer {

    void send(HttpServletRequest request, HttpServletResponse response, Duration retryAfter) throws IOException;
}
