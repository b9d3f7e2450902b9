package io.phonegate.gateway.limits;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * Which address a request comes from ({@code phonegate.gateway.client-ip.*}). The TCP peer is the
 * client unless it is one of your proxies; only then is the forwarded header read, and only the
 * entries your proxies appended (see {@link ClientAddress}).
 *
 * @param trustedProxies  address ranges of the proxies in front of the gateway (CIDR, IPv4 or IPv6, e.g.
 *                        {@code 10.0.0.0/16}, {@code 2600:1f18:aaaa::/56}); empty (the default): no proxy
 *                        is trusted and no forwarded header is ever read
 * @param forwardedHeader the header those proxies append the address they saw to
 */
@Validated
@ConfigurationProperties("phonegate.gateway.client-ip")
record ClientIpSettings(@DefaultValue List<String> trustedProxies,
                        @DefaultValue("X-Forwarded-For") @NotBlank String forwardedHeader) {

    ClientIpSettings {
        trustedProxies = trustedProxies.stream().map(String::strip).filter(range -> !range.isEmpty()).toList();
        // Refuse a range that does not parse at start-up, not at the first request.
        trustedProxies.forEach(AddressRange::parse);
    }

    List<AddressRange> proxyRanges() {
        return trustedProxies.stream().map(AddressRange::parse).toList();
    }
}
