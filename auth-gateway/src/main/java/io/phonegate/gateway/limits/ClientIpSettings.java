package io.phonegate.gateway.limits;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the client address comes from ({@code phonegate.gateway.client-ip.*}).
 *
 * @param forwardedHeader empty: the TCP peer address is the client (default). Set to {@code X-Forwarded-For}
 *                        only behind proxies you run, which append the address they saw
 * @param trustedHops     how many of those proxies append to the header: the client is that many entries
 *                        from the right
 */
@Validated
@ConfigurationProperties("phonegate.gateway.client-ip")
record ClientIpSettings(@DefaultValue("") String forwardedHeader, @DefaultValue("1") @Min(1) int trustedHops) {

    boolean fromHeader() {
        return forwardedHeader != null && !forwardedHeader.isBlank();
    }
}
