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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
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
 * @param senderId          SNS {@code AWS.SNS.SMS.SenderID} (3–11 letters, digits or hyphens, one a letter), where
 *                          countries allow one; a country's own ({@link #countries}) wins
 * @param originationNumber SNS {@code AWS.MM.SMS.OriginationNumber} (5–14 digits, optional {@code +}) when the account
 *                          has one; a country's own wins
 * @param androidAppHash    the Android app's 11-character SMS Retriever hash; when set, every text ends with it
 * @param countries         sender settings per destination country (ISO 3166 code such as {@code IN}), India's DLT
 *                          registration among them
 * @param maxInFlight       deliveries under way at once (claiming, waiting for the send rate, calling SNS,
 *                          backing off, waiting for the store); the consumer waits when all are taken
 */
@Validated
@ConfigurationProperties("phonegate.dispatcher")
public record DispatcherProperties(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9.-]{1,253}", message = "must be a host name without scheme or port")
        @DefaultValue("localhost") String otpHost,
        @Pattern(regexp = SENDER_ID, message = SENDER_ID_MESSAGE) String senderId,
        @Pattern(regexp = ORIGINATION_NUMBER, message = ORIGINATION_NUMBER_MESSAGE) String originationNumber,
        @Pattern(regexp = "[A-Za-z0-9+/]{11}", message = "must be the 11-character app hash of Google's SMS Retriever")
        String androidAppHash,
        @Valid Map<String, Country> countries,
        @Min(1) @Max(4096) @DefaultValue("256") int maxInFlight,
        @Valid @NotNull @DefaultValue Claims claims,
        @Valid @NotNull @DefaultValue Pacing pacing,
        @Valid @NotNull @DefaultValue Backstop backstop,
        @Valid @NotNull @DefaultValue Retry retry) {

    /** SNS's rule for {@code AWS.SNS.SMS.SenderID}. */
    static final String SENDER_ID = "(?=.*[A-Za-z])[A-Za-z0-9-]{3,11}";
    static final String SENDER_ID_MESSAGE = "must be 3-11 letters, digits or hyphens, at least one a letter";
    /** SNS's rule for {@code AWS.MM.SMS.OriginationNumber}. */
    static final String ORIGINATION_NUMBER = "\\+?[0-9]{5,14}";
    static final String ORIGINATION_NUMBER_MESSAGE = "must be 5-14 digits with an optional leading +";
    /** TRAI's entity and template ids: SNS takes 1-50 characters; the DLT portals issue digits. */
    static final String DLT_ID = "[A-Za-z0-9]{1,50}";

    public DispatcherProperties {
        senderId = blankToNull(senderId);
        originationNumber = blankToNull(originationNumber);
        androidAppHash = blankToNull(androidAppHash);
        countries = byCountryCode(countries);
    }

    /**
     * Sender settings for SMS to one country, over the defaults ({@code phonegate.dispatcher.countries.IN.*},
     * {@code PHONEGATE_DISPATCHER_COUNTRIES_IN_SENDERID}…).
     *
     * @param senderId          this country's {@code AWS.SNS.SMS.SenderID}; for India with DLT, the registered
     *                          header (3–6 letters)
     * @param originationNumber this country's {@code AWS.MM.SMS.OriginationNumber}
     * @param dlt               India's DLT registration; off when none of it is set
     */
    public record Country(
            @Pattern(regexp = SENDER_ID, message = SENDER_ID_MESSAGE) String senderId,
            @Pattern(regexp = ORIGINATION_NUMBER, message = ORIGINATION_NUMBER_MESSAGE) String originationNumber,
            @Valid @NotNull @DefaultValue Dlt dlt) {

        public Country {
            senderId = blankToNull(senderId);
            originationNumber = blankToNull(originationNumber);
            dlt = dlt == null ? new Dlt(null, Map.of()) : dlt;
        }
    }

    /**
     * India's DLT (TRAI) registration, sent as {@code AWS.MM.SMS.EntityId} and {@code AWS.MM.SMS.TemplateId}.
     * On as soon as any of it is set; then the entity id and a template id for every text form the dispatcher
     * sends are required, or the start fails naming what is missing.
     *
     * @param entityId  the principal entity id from the DLT portal
     * @param templates template id per text form: {@code en-login-long}, {@code hi-signup-short}… (environment:
     *                  {@code …_DLT_TEMPLATES_EN_LOGIN_LONG})
     */
    public record Dlt(
            @Pattern(regexp = DLT_ID, message = "must be the entity id from the DLT portal (1-50 letters and digits)")
            String entityId,
            Map<String, @Pattern(regexp = DLT_ID, message = "must be a template id from the DLT portal (1-50 letters and digits)")
                    String> templates) {

        public Dlt {
            entityId = blankToNull(entityId);
            Map<String, String> byForm = new LinkedHashMap<>();
            (templates == null ? Map.<String, String>of() : templates).forEach((key, id) -> {
                String form = formKey(key);
                if (byForm.put(form, blankToNull(id)) != null) {
                    throw new IllegalArgumentException("the DLT template id of form '" + form + "' is given twice");
                }
            });
            byForm.values().removeIf(Objects::isNull);
            templates = Collections.unmodifiableMap(byForm);
        }

        public boolean on() {
            return entityId != null || !templates.isEmpty();
        }

        /**
         * A form as YAML names it ({@code en-login-long}) from however it arrived: an environment variable
         * ({@code …_TEMPLATES_EN_LOGIN_LONG}) reaches the map as {@code en.login.long}.
         */
        private static String formKey(String key) {
            return key.strip().toLowerCase(Locale.ROOT).replace('.', '-').replace('_', '-');
        }
    }

    /** Country codes as ISO writes them, whatever case the environment passed them in. */
    private static Map<String, Country> byCountryCode(Map<String, Country> countries) {
        Map<String, Country> byCode = new TreeMap<>();
        (countries == null ? Map.<String, Country>of() : countries).forEach((code, country) -> {
            String iso = code.strip().toUpperCase(Locale.ROOT);
            if (!iso.matches("[A-Z]{2}")) {
                throw new IllegalArgumentException("phonegate.dispatcher.countries." + code + ": '" + code
                        + "' is not a two-letter ISO 3166 country code (India is IN)");
            }
            if (byCode.put(iso, country) != null) {
                throw new IllegalArgumentException("phonegate.dispatcher.countries." + iso + " is given twice ("
                        + "in different cases, e.g. in the environment and a file): set it in one place");
            }
        });
        return Collections.unmodifiableMap(byCode);
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
     * @param answerWindow how long after its admission the gateway may still mark a start answered (its
     *                  {@code 202} has left). A code is sent only once its start is marked, so a gateway that
     *                  dies between queueing the code and answering sends none; past the window the request
     *                  is reported unsent and the start given back. Longer than the gateway's request
     *                  deadline (3 s) plus a store outage the gateway's retries of the mark (every second while
     *                  the code lives) should ride out; {@code 0} sends without the mark,
     *                  only while gateways older than the mark still publish (upgrade gateways first)
     */
    public record Claims(
            @NotNull @DefaultValue("15s") Duration lease,
            @NotNull @DefaultValue("1h") Duration retention,
            @DefaultValue("true") boolean requireAdmission,
            @NotNull @DefaultValue("60s") Duration answerWindow) {

        public Claims {
            if (answerWindow.isNegative()) {
                throw new IllegalArgumentException("phonegate.dispatcher.claims.answer-window must not be negative");
            }
        }
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
