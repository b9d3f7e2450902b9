package io.phonegate.gateway.botcheck;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The bot check before a code is texted ({@code phonegate.bot-check.*}, e.g. {@code PHONEGATE_BOTCHECK_PROVIDER}).
 *
 * @param provider         {@code none} (off), {@code turnstile}, {@code hcaptcha} or {@code recaptcha}
 * @param siteKey          the provider's site key, which the page renders the widget with (public)
 * @param secret           the provider's secret key for siteverify
 * @param verifyUrl        siteverify's address; empty: the provider's own (the devstack's stand-in in the local run)
 * @param scriptUrl        the widget script's address; empty: the provider's own
 * @param appliesTo        {@code new-numbers}: only numbers that have not logged in (no verified marker in the store);
 *                         {@code all}: every start
 * @param countries        regions it applies to; empty: every region
 * @param timeout          longest a siteverify call may take; past it the provider counts as unavailable
 * @param whenUnavailable  what a start gets while siteverify cannot answer: {@code refuse-new-numbers} (new numbers
 *                         get {@code 503}, known ones go on), {@code refuse-all}, or {@code allow-all}
 * @param retryAfter       {@code Retry-After} of that {@code 503}
 */
@Validated
@ConfigurationProperties("phonegate.bot-check")
public record BotCheckSettings(
        @DefaultValue("none") @NotNull BotCheckProvider provider,
        @DefaultValue("") String siteKey,
        @DefaultValue("") String secret,
        @DefaultValue("") String verifyUrl,
        @DefaultValue("") String scriptUrl,
        @DefaultValue("new-numbers") @NotNull AppliesTo appliesTo,
        @DefaultValue("") Set<String> countries,
        @DefaultValue("2s") @NotNull Duration timeout,
        @DefaultValue("refuse-new-numbers") @NotNull WhenUnavailable whenUnavailable,
        @DefaultValue("5s") @NotNull Duration retryAfter) {

    public enum AppliesTo { NEW_NUMBERS, ALL }

    public enum WhenUnavailable { REFUSE_NEW_NUMBERS, REFUSE_ALL, ALLOW_ALL }

    public BotCheckSettings {
        countries = countries.stream().map(c -> c.strip().toUpperCase(Locale.ROOT)).filter(c -> !c.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (provider != BotCheckProvider.NONE && (siteKey.isBlank() || secret.isBlank())) {
            throw new IllegalArgumentException("phonegate.bot-check.provider=" + provider.name().toLowerCase(Locale.ROOT)
                    + " needs phonegate.bot-check.site-key and phonegate.bot-check.secret (PHONEGATE_BOTCHECK_SITEKEY, "
                    + "PHONEGATE_BOTCHECK_SECRET)");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("phonegate.bot-check.timeout must be positive and at most 10s, not " + timeout);
        }
    }

    boolean enabled() {
        return provider != BotCheckProvider.NONE;
    }

    URI effectiveVerifyUrl() {
        return verifyUrl.isBlank() ? provider.verifyUrl() : URI.create(verifyUrl.strip());
    }

    URI effectiveScriptUrl() {
        return scriptUrl.isBlank() ? provider.scriptUrl() : URI.create(scriptUrl.strip());
    }
}
