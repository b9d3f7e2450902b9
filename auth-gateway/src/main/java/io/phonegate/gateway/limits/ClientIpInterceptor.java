package io.phonegate.gateway.limits;

import jakarta.servlet.DispatcherType;
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

    /** Once per request: an answer completed asynchronously (a paced start) comes back through here and is not counted again. */
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() != DispatcherType.ASYNC) {
            limit.acquire(clientAddress.of(request));
        }
        return true;
    }
}
