package io.phonegate.gateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settings of the gateway ({@code phonegate.gateway.*}, e.g. {@code PHONEGATE_GATEWAY_DEFAULT_REGION=IN}).
 * The limits and the client address have their own settings in the limits feature.
 *
 * @param defaultRegion    ISO 3166 region for numbers typed without a country code
 * @param allowedCountries regions codes may be sent to; a number elsewhere gets {@code 422}. The default
 *                         covers the markets the product starts with; SMS pumping targets other countries
 * @param codeLength       digits in a code, as the Create trigger makes them (a code of any other length
 *                         is refused before Cognito sees it)
 * @param codeTtl          how long a code lives, as the Create trigger is configured: every start answer says
 *                         the code expires this long (in whole seconds) after the start was admitted; a shorter
 *                         lifetime seen on real codes is taken over
 * @param maxAttempts      answers a code allows, as the triggers are configured ({@code PHONEGATE_MAX_ATTEMPTS});
 *                         what a disabled user's look-alike challenge allows until a real one was seen
 * @param maxBodySize      request bodies above this get {@code 413}
 * @param bodyReadTimeout  longest a request body may take to arrive, in all ({@code 408} after it); together with
 *                         Tomcat's {@code server.tomcat.connection-timeout} between two reads, it bounds how long a
 *                         slow body holds a thread
 * @param publishTimeout   longest a request waits for Kafka to acknowledge an event before answering {@code 503}
 *                         (and never past the request's deadline, {@code phonegate.gateway.shedding.request-deadline})
 * @param cognito          how the gateway calls Cognito
 * @param kafkaHealth      the readiness check of the Kafka broker
 */
@Validated
@ConfigurationProperties("phonegate.gateway")
public record GatewayProperties(
        @DefaultValue("IN") @Pattern(regexp = "[A-Za-z]{2}") String defaultRegion,
        @DefaultValue({"IN", "US", "GB", "DE", "FR", "SG", "AU", "CA"}) @NotEmpty Set<String> allowedCountries,
        @DefaultValue("6") @Min(4) @Max(10) int codeLength,
        @DefaultValue("3m") @NotNull Duration codeTtl,
        @DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
        @DefaultValue("4KB") @NotNull DataSize maxBodySize,
        @DefaultValue("5s") @NotNull Duration bodyReadTimeout,
        @DefaultValue("1s") @NotNull Duration publishTimeout,
        @DefaultValue @Valid CognitoCalls cognito,
        @DefaultValue @Valid KafkaHealth kafkaHealth) {

    public GatewayProperties {
        allowedCountries = allowedCountries.stream().map(c -> c.strip().toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
    }

    /**
     * @param callTimeout  longest a Cognito call may take, retries included; 5 s covers the first sign-in after a
     *                     deploy, when Define and Create run cold back to back inside one {@code AdminInitiateAuth}
     *                     (README, "Cognito call timeout")
     * @param maxAttempts  tries per Cognito call (throttling and 5xx are retried with backoff)
     * @param retryAfter   what {@code Retry-After} says when Cognito throttles or cannot be reached
     */
    public record CognitoCalls(
            @DefaultValue("5s") @NotNull Duration callTimeout,
            @DefaultValue("2") @Min(1) @Max(5) int maxAttempts,
            @DefaultValue("2s") @NotNull Duration retryAfter) {
    }

    /**
     * @param timeout  how long the readiness check waits for the broker
     * @param cacheFor how long one answer is reused, so probes do not hammer the broker
     */
    public record KafkaHealth(@DefaultValue("1s") @NotNull Duration timeout,
                              @DefaultValue("2s") @NotNull Duration cacheFor) {
    }
}
