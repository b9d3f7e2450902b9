package io.phonegate.gateway.limits;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/** Applies the per-address rate before a request's body is even read. */
final class ClientIpInterceptor implements HandlerInterceptor {

    private final ClientAddress clientAddress;
    private final ClientIpLimit limit;

    ClientIpInterceptor(ClientAddress clientAddress, ClientIpLimit limit) {
        this.clientAddress = clientAddress;
        this.limit = limit;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        limit.acquire(clientAddress.of(request));
        return true;
    }
}
