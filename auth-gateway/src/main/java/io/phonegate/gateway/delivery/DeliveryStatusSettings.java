package io.phonegate.gateway.delivery;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the delivery status ({@code phonegate.gateway.delivery-status.*}).
 *
 * @param retention        how long a report is kept after the dispatcher made it: at least as long as a code
 *                         lives (Cognito's longest session is 15 min); a report older than this is not recorded
 * @param assumedSendTime  what a never-texted challenge (look-alike, test number) takes to show as sent until
 *                         this instance has seen real sends; set it near your p50 from start to sent
 * @param sendTimeSamples  how many recent real send times a never-texted challenge's time is drawn from
 * @param storeRetry       while the store cannot take a report, how long the consumer waits before trying again
 *                         (paused, its offset held)
 */
@Validated
@ConfigurationProperties("phonegate.gateway.delivery-status")
public record DeliveryStatusSettings(
        @DefaultValue("15m") @NotNull Duration retention,
        @DefaultValue("1s") @NotNull Duration assumedSendTime,
        @DefaultValue("200") @Min(1) @Max(100_000) int sendTimeSamples,
        @DefaultValue("1s") @NotNull Duration storeRetry) {

    public DeliveryStatusSettings {
        if (retention.compareTo(Duration.ofMinutes(15)) < 0) {
            throw new IllegalArgumentException("phonegate.gateway.delivery-status.retention must be at least 15m "
                    + "(a code may live that long), not " + retention);
        }
        if (assumedSendTime.isNegative() || storeRetry.isNegative() || storeRetry.isZero()) {
            throw new IllegalArgumentException("phonegate.gateway.delivery-status: assumed-send-time and store-retry "
                    + "must be positive");
        }
    }
}
