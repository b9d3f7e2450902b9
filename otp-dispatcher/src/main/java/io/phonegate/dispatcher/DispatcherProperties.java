package io.phonegate.dispatcher;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code phonegate.dispatcher.*}: what the dispatcher sends, how fast, and how often per number.
 * Every value can come from the environment ({@code PHONEGATE_DISPATCHER_OTPHOST},
 * {@code PHONEGATE_DISPATCHER_LIMITS_PHONEHOURLY}, {@code PHONEGATE_DISPATCHER_LIMITS_COUNTRIES_IN}…).
 *
 * @param otpHost           the host in the origin-bound line {@code @host #code} that browsers and phones
 *                          autofill from: the auth gateway's public host name, without scheme or port
 * @param senderId          SNS {@code AWS.SNS.SMS.SenderID} (3–11 letters and digits), where countries allow one
 * @param originationNumber SNS {@code AWS.MM.SMS.OriginationNumber} (E.164) when the account has one
 * @param maxInFlight       deliveries under way at once (waiting for the send rate, calling SNS, backing off);
 *                          the consumer waits when all are taken
 * @param dedupCapacity     event ids remembered to recognise a duplicate; the oldest are forgotten first
 */
@Validated
@ConfigurationProperties("phonegate.dispatcher")
public record DispatcherProperties(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9.-]{1,253}", message = "must be a host name without scheme or port")
        @DefaultValue("localhost") String otpHost,
        @Pattern(regexp = "[A-Za-z0-9]{3,11}", message = "must be 3-11 letters and digits") String senderId,
        @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number") String originationNumber,
        @Min(1) @Max(4096) @DefaultValue("256") int maxInFlight,
        @Min(1) @DefaultValue("100000") int dedupCapacity,
        @Valid @NotNull @DefaultValue Limits limits,
        @Valid @NotNull @DefaultValue Retry retry) {

    public DispatcherProperties {
        senderId = blankToNull(senderId);
        originationNumber = blankToNull(originationNumber);
    }

    /**
     * @param phoneBurst      codes per number within {@code phoneBurstWindow}
     * @param phoneHourly     codes per number within any 60 minutes
     * @param phoneDaily      codes per number within any 24 hours
     * @param countryHourly   codes per country (of the number) per clock hour, unless {@code countries} says otherwise
     * @param countries       per-country hourly caps by ISO region code ({@code IN: 5000}); 0 stops a country
     * @param globalPerSecond the SMS account's send rate (SNS's quota): above it sends wait
     * @param dailyBudget     codes per UTC day across all numbers (SNS enforces the spend limit only "within minutes")
     */
    public record Limits(
            @Min(1) @DefaultValue("3") int phoneBurst,
            @NotNull @DefaultValue("10m") Duration phoneBurstWindow,
            @Min(1) @DefaultValue("5") int phoneHourly,
            @Min(1) @DefaultValue("10") int phoneDaily,
            @Min(0) @DefaultValue("10000") int countryHourly,
            Map<String, @NotNull @Min(0) Integer> countries,
            @DecimalMin("0.01") @DefaultValue("20") double globalPerSecond,
            @Min(1) @DefaultValue("50000") int dailyBudget) {

        public Limits {
            // Environment variables arrive lower-cased (PHONEGATE_DISPATCHER_LIMITS_COUNTRIES_IN → "in").
            countries = countries == null ? Map.of() : countries.entrySet().stream()
                    .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toUpperCase(Locale.ROOT), Map.Entry::getValue));
        }

        public int countryHourly(String regionCode) {
            return countries.getOrDefault(regionCode, countryHourly);
        }
    }

    /**
     * Back-off between SNS attempts after throttling, 5xx or a timeout: {@code initialBackoff × multiplier^n},
     * at most {@code maxBackoff}, with jitter; never past the code's expiry.
     */
    public record Retry(
            @NotNull @DefaultValue("250ms") Duration initialBackoff,
            @NotNull @DefaultValue("10s") Duration maxBackoff,
            @DecimalMin("1.0") @DefaultValue("2.0") double multiplier) {
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
