package io.phonegate.dispatcher;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code phonegate.dispatcher.*}: what the dispatcher sends, how fast, and what it refuses even
 * though the gateway admitted it. Per-number, country and budget limits are the gateway's; the
 * dispatcher paces sends to the SMS quota and keeps a backstop. Every value can come from the
 * environment ({@code PHONEGATE_DISPATCHER_OTPHOST}, {@code PHONEGATE_DISPATCHER_PACING_PERSECOND},
 * {@code PHONEGATE_DISPATCHER_BACKSTOP_ALLOWEDCOUNTRIES=IN,US}…).
 *
 * @param otpHost           the host in the origin-bound line {@code @host #code} that browsers and phones
 *                          autofill from: the auth gateway's public host name, without scheme or port
 * @param senderId          SNS {@code AWS.SNS.SMS.SenderID} (3–11 letters and digits), where countries allow one
 * @param originationNumber SNS {@code AWS.MM.SMS.OriginationNumber} (E.164) when the account has one
 * @param maxInFlight       deliveries under way at once (claiming, waiting for the send rate, calling SNS,
 *                          backing off, waiting for the store); the consumer waits when all are taken
 */
@Validated
@ConfigurationProperties("phonegate.dispatcher")
public record DispatcherProperties(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9.-]{1,253}", message = "must be a host name without scheme or port")
        @DefaultValue("localhost") String otpHost,
        @Pattern(regexp = "[A-Za-z0-9]{3,11}", message = "must be 3-11 letters and digits") String senderId,
        @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number") String originationNumber,
        @Min(1) @Max(4096) @DefaultValue("256") int maxInFlight,
        @Valid @NotNull @DefaultValue Claims claims,
        @Valid @NotNull @DefaultValue Pacing pacing,
        @Valid @NotNull @DefaultValue Backstop backstop,
        @Valid @NotNull @DefaultValue Retry retry) {

    public DispatcherProperties {
        senderId = blankToNull(senderId);
        originationNumber = blankToNull(originationNumber);
    }

    /**
     * Send claims in the shared store (one per challenge).
     *
     * @param lease     how long a delivery holds a claim without renewing it (it renews before every SNS
     *                  call); a claim whose holder died is taken over once its lease ran out. Longer than
     *                  one SNS call ({@code phonegate.sns.call-timeout}), far shorter than a code's life
     * @param retention how long a claim outlives its code, so a redelivery that late is still recognised
     * @param requireAdmission whether a request without the gateway's admission is reported unsent rather
     *                  than texted. On: nothing is sent that the gateway did not admit (and an event anyone
     *                  else writes to the topic is not texted). Turn it off only while gateways older than
     *                  admissions still publish
     */
    public record Claims(
            @NotNull @DefaultValue("15s") Duration lease,
            @NotNull @DefaultValue("1h") Duration retention,
            @DefaultValue("true") boolean requireAdmission) {
    }

    /**
     * Pacing to the SMS account's quota, shared by every dispatcher instance.
     *
     * @param perSecond the account's send rate (SNS's SMS quota, messages per second)
     * @param burst     sends that may go at once before pacing spaces them out; 1 spaces every send
     *                  {@code 1/perSecond} apart, so no window of any length exceeds the quota
     */
    public record Pacing(
            @DecimalMin("0.01") @DefaultValue("20") double perSecond,
            @Min(1) @DefaultValue("1") int burst) {
    }

    /**
     * What is never texted, whatever the event says: the gateway already refuses all of it, so a
     * refusal here means an event the gateway did not admit (injected, or a gateway bug).
     *
     * @param allowedCountries ISO regions codes may go to; must include every country the gateway allows
     * @param numberDailyCap   codes per number per UTC day, far above the gateway's own per-number limits
     */
    public record Backstop(
            @NotEmpty @DefaultValue({"IN", "US", "GB", "DE", "FR", "SG", "AU", "CA"}) Set<String> allowedCountries,
            @Min(1) @DefaultValue("50") int numberDailyCap) {

        public Backstop {
            // Environment variables arrive as typed (PHONEGATE_DISPATCHER_BACKSTOP_ALLOWEDCOUNTRIES=in,us).
            allowedCountries = allowedCountries == null ? Set.of() : allowedCountries.stream()
                    .map(country -> country.strip().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
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
