package io.phonegate.gateway.limits;

import io.phonegate.gateway.config.GatewayProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * Which address a request came from. By default the TCP peer: a header anyone can write is
 * trusted only when configured, and then only the entry the trusted proxies appended
 * ({@code trustedHops} from the right), so a client cannot pick its own address.
 */
@Component
public class ClientAddress {

    private final GatewayProperties.ClientIp settings;

    ClientAddress(GatewayProperties properties) {
        this.settings = properties.clientIp();
    }

    public String of(HttpServletRequest request) {
        if (!settings.fromHeader()) {
            return request.getRemoteAddr();
        }
        String header = request.getHeader(settings.forwardedHeader());
        if (header == null || header.isBlank()) {
            return request.getRemoteAddr();
        }
        String[] hops = header.split(",");
        int index = hops.length - settings.trustedHops();
        String candidate = hops[Math.max(0, index)].strip();
        return candidate.isEmpty() || candidate.length() > 64 ? request.getRemoteAddr() : candidate;
    }
}
