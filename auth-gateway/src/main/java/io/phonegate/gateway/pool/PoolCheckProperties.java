package io.phonegate.gateway.pool;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How often the gateway reads the user pool's and app client's settings again
 * ({@code phonegate.gateway.pool-check.*}).
 *
 * @param interval      between two readings while the settings suit: a change an admin makes is noticed this late
 * @param retryInterval between two readings while they do not suit, or could not be read: a fix is noticed this soon
 */
@Validated
@ConfigurationProperties("phonegate.gateway.pool-check")
record PoolCheckProperties(@DefaultValue("5m") @NotNull Duration interval,
                           @DefaultValue("15s") @NotNull Duration retryInterval) {

    PoolCheckProperties {
        if (interval.isNegative() || interval.isZero() || retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("phonegate.gateway.pool-check intervals must be positive");
        }
    }
}
