package io.phonegate.gateway.limits;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The limits the gateway admits starts and answers against ({@code phonegate.gateway.limits.*}), the
 * same on every instance: the counts live in the shared store. The constructor refuses settings that
 * contradict each other, so a typo stops the service at startup instead of opening a limit.
 *
 * @param resendCooldown            after a code was sent, the same number waits this long for the next
 * @param phoneHourlyCap            codes per number in any rolling hour
 * @param phoneDailyCap             codes per number in any rolling 24 hours
 * @param clientIpRequestsPerMinute requests to {@code /v1/**} per client address (IPv6: per /64), a token
 *                                  bucket of this size refilled evenly over the minute
 * @param countryHourlyCap          codes per country in any rolling hour (one-minute steps)
 * @param countryHourlyCaps         per-country exceptions to {@code countryHourlyCap}, by ISO 3166 region
 * @param dailyBudget               codes the service sends per UTC day, all numbers together
 * @param loginShare                share of {@code dailyBudget} only numbers that logged in before may use:
 *                                  new numbers get at most {@code (1 - loginShare) * dailyBudget}, so pumping
 *                                  new numbers cannot lock existing users out
 * @param wrongAnswersPerDay        wrong codes per number in any rolling 24 hours, across all its codes
 * @param verifiedMemory            how long a number that logged in counts as known ("verified") after its
 *                                  last log-in
 * @param store                     how the gateway uses the shared store
 */
@Validated
@ConfigurationProperties("phonegate.gateway.limits")
record LimitSettings(
        @DefaultValue("30s") @NotNull Duration resendCooldown,
        @DefaultValue("5") int phoneHourlyCap,
        @DefaultValue("10") int phoneDailyCap,
        @DefaultValue("60") int clientIpRequestsPerMinute,
        @DefaultValue("10000") int countryHourlyCap,
        @DefaultValue Map<String, Integer> countryHourlyCaps,
        @DefaultValue("50000") int dailyBudget,
        @DefaultValue("0.2") double loginShare,
        @DefaultValue("10") int wrongAnswersPerDay,
        @DefaultValue("90d") @NotNull Duration verifiedMemory,
        @DefaultValue @Valid Store store) {

    LimitSettings {
        require(phoneHourlyCap >= 1, "phone-hourly-cap must be at least 1");
        require(phoneDailyCap >= phoneHourlyCap, "phone-daily-cap must be at least phone-hourly-cap");
        require(!resendCooldown.isNegative() && resendCooldown.compareTo(Duration.ofHours(1)) < 0,
                "resend-cooldown must be between 0 and 1 hour (the longest it can be enforced is the hourly window)");
        require(clientIpRequestsPerMinute >= 1, "client-ip-requests-per-minute must be at least 1");
        require(countryHourlyCap >= 1, "country-hourly-cap must be at least 1");
        countryHourlyCaps = countryHourlyCaps == null ? Map.of() : countryHourlyCaps.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().strip().toUpperCase(Locale.ROOT), Map.Entry::getValue));
        countryHourlyCaps.forEach((region, cap) -> {
            require(region.matches("[A-Z]{2}"), "country-hourly-caps keys are ISO 3166 regions such as IN, not " + region);
            require(cap != null && cap >= 1, "country-hourly-caps." + region + " must be at least 1");
        });
        require(dailyBudget >= 1, "daily-budget must be at least 1");
        require(loginShare >= 0 && loginShare < 1, "login-share must be in [0, 1)");
        require(newNumberBudget(dailyBudget, loginShare) >= 1,
                "daily-budget * (1 - login-share) must leave new numbers at least one code a day");
        require(wrongAnswersPerDay >= 1, "wrong-answers-per-day must be at least 1");
        require(verifiedMemory.compareTo(Duration.ofDays(1)) >= 0, "verified-memory must be at least 1 day");
    }

    /** The hourly cap of a country: its own if it has one, else the common one. */
    int countryHourlyCap(String region) {
        return countryHourlyCaps.getOrDefault(region, countryHourlyCap);
    }

    /** Codes new (never logged-in) numbers may use per day. */
    int newNumberBudget() {
        return newNumberBudget(dailyBudget, loginShare);
    }

    private static int newNumberBudget(int dailyBudget, double loginShare) {
        return (int) Math.floor(dailyBudget * (1 - loginShare));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("phonegate.gateway.limits: " + message);
        }
    }

    /**
     * @param retryAfter what {@code Retry-After} says when the store cannot decide and the request is refused
     * @param openFor    after a failed store call, how long calls fail at once without asking the store, so a
     *                   slow store costs one request its timeout, not every request (each sets it again)
     * @param healthCacheFor how long the readiness check's answer is reused
     */
    record Store(
            @DefaultValue("1s") @NotNull Duration retryAfter,
            @DefaultValue("1s") @NotNull Duration openFor,
            @DefaultValue("1s") @NotNull Duration healthCacheFor) {

        Store {
            if (retryAfter.isNegative() || retryAfter.isZero() || openFor.isNegative() || healthCacheFor.isNegative()) {
                throw new IllegalArgumentException(
                        "phonegate.gateway.limits.store: retry-after must be positive, open-for and health-cache-for not negative");
            }
        }
    }
}
