package io.phonegate.gateway.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Decides the client address once per request ({@link ClientAddress}) and hands it on as the
 * request's remote address, so every limit and log after this filter sees the same one; it is also in
 * the logging context as {@value #MDC_KEY} for the request's log lines.
 */
final class ClientAddressFilter extends OncePerRequestFilter {

    static final String MDC_KEY = "client.address";

    private final ClientAddress clientAddress;

    ClientAddressFilter(ClientAddress clientAddress) {
        this.clientAddress = clientAddress;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = clientAddress.of(request);
        MDC.put(MDC_KEY, client);
        try {
            chain.doFilter(new ClientAddressRequest(request, client), response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    private static final class ClientAddressRequest extends HttpServletRequestWrapper {

        private final String client;

        ClientAddressRequest(HttpServletRequest request, String client) {
            super(request);
            this.client = client;
        }

        @Override
        public String getRemoteAddr() {
            return client;
        }

        /** The address, never a name: no DNS lookup for a request. */
        @Override
        public String getRemoteHost() {
            return client;
        }
    }
}
