package io.phonegate.reaper.cognito;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How often the reaper reads the user pool's settings again ({@code phonegate.reaper.pool-check.*}).
 *
 * @param interval      between two readings while the settings suit
 * @param retryInterval between two readings while they do not suit or could not be read
 */
@Validated
@ConfigurationProperties("phonegate.reaper.pool-check")
record PoolCheckProperties(@DefaultValue("5m") @NotNull Duration interval,
                           @DefaultValue("15s") @NotNull Duration retryInterval) {

    PoolCheckProperties {
        if (interval.isNegative() || interval.isZero() || retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("phonegate.reaper.pool-check intervals must be positive");
        }
    }
}
