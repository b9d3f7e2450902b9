package io.phonegate.dispatcher.sms;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code phonegate.sns.*}.
 *
 * @param endpoint    the SNS endpoint override (the devstack emulator by default); empty means real AWS
 * @param callTimeout the most one {@code Publish} call may take before it counts as a transient failure
 */
@Validated
@ConfigurationProperties("phonegate.sns")
public record SnsProperties(
        @DefaultValue("http://127.0.0.1:9230") String endpoint,
        @NotNull @DefaultValue("5s") Duration callTimeout) {
}
