package io.phonegate.gateway.limits;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Limit settings for tests: the defaults, with any of them changed by name. */
final class TestLimits {

    private Duration cooldown = Duration.ofSeconds(30);
    private int hourly = 5;
    private int daily = 10;
    private int perMinute = 60;
    private int countryHourly = 10_000;
    private final Map<String, Integer> countryCaps = new HashMap<>();
    private int budget = 50_000;
    private double loginShare = 0.2;
    private int wrongAnswers = 10;
    private Duration verifiedMemory = Duration.ofDays(90);

    static TestLimits defaults() {
        return new TestLimits();
    }

    TestLimits cooldown(Duration value) {
        cooldown = value;
        return this;
    }

    TestLimits phone(int hourlyCap, int dailyCap) {
        hourly = hourlyCap;
        daily = dailyCap;
        return this;
    }

    TestLimits perMinute(int value) {
        perMinute = value;
        return this;
    }

    TestLimits countryHourly(int value) {
        countryHourly = value;
        return this;
    }

    TestLimits countryCap(String region, int cap) {
        countryCaps.put(region, cap);
        return this;
    }

    TestLimits budget(int total, double share) {
        budget = total;
        loginShare = share;
        return this;
    }

    TestLimits wrongAnswers(int value) {
        wrongAnswers = value;
        return this;
    }

    TestLimits verifiedMemory(Duration value) {
        verifiedMemory = value;
        return this;
    }

    LimitSettings build() {
        return new LimitSettings(cooldown, hourly, daily, perMinute, countryHourly, countryCaps, budget, loginShare,
                wrongAnswers, verifiedMemory,
                new LimitSettings.Store(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }
}
