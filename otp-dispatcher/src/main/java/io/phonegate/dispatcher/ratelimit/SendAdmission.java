package io.phonegate.dispatcher.ratelimit;

import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.dispatcher.DispatcherProperties;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a code may be sent at all: per-number burst, hourly and daily caps (sliding
 * windows, exact), per-country hourly caps (clock hours) and the daily budget (UTC days).
 * A code that passes is counted against every limit at once, whether or not SNS later takes it:
 * an attacker cannot get more attempts by making sends fail.
 *
 * <p>State is this instance's memory. Records are keyed by phone, so one instance sees every
 * code for its partitions' numbers and the per-number caps are exact; country and budget
 * counts are per instance (see the module README for partition moves and scaling).
 */
public final class SendAdmission {

    private final DispatcherProperties.Limits limits;
    private final Map<String, PhoneHistory> phones = new HashMap<>();
    private final Regions regions = new Regions();
    private final Map<String, Integer> countryCounts = new HashMap<>();
    private Instant countryHour = Instant.EPOCH;
    private LocalDate budgetDay = LocalDate.MIN;
    private int budgetUsed;

    public SendAdmission(DispatcherProperties.Limits limits) {
        this.limits = limits;
    }

    /** @return the limit that refuses this code, or empty when it was admitted (and counted) */
    public synchronized Optional<LimitKind> admit(PhoneNumber phone, Instant now) {
        roll(now);
        PhoneHistory history = phones.computeIfAbsent(phone.e164(), key -> new PhoneHistory());
        history.forgetBefore(now.minus(PhoneHistory.DAY));
        String region = regions.of(phone);
        Optional<LimitKind> refused = refusal(history, region, now);
        if (refused.isPresent()) {
            if (history.isEmpty()) {
                phones.remove(phone.e164());
            }
            return refused;
        }
        history.record(now);
        countryCounts.merge(region, 1, Integer::sum);
        budgetUsed++;
        return Optional.empty();
    }

    /** Drops numbers with nothing in the last day, so memory follows the active numbers only. */
    public synchronized void forgetIdle(Instant now) {
        Instant cutoff = now.minus(PhoneHistory.DAY);
        phones.values().removeIf(history -> {
            history.forgetBefore(cutoff);
            return history.isEmpty();
        });
    }

    synchronized int trackedNumbers() {
        return phones.size();
    }

    private Optional<LimitKind> refusal(PhoneHistory history, String region, Instant now) {
        if (history.countSince(now.minus(limits.phoneBurstWindow())) >= limits.phoneBurst()) {
            return Optional.of(LimitKind.PHONE_BURST);
        }
        if (history.countSince(now.minus(Duration.ofHours(1))) >= limits.phoneHourly()) {
            return Optional.of(LimitKind.PHONE_HOURLY);
        }
        if (history.countSince(now.minus(PhoneHistory.DAY)) >= limits.phoneDaily()) {
            return Optional.of(LimitKind.PHONE_DAILY);
        }
        if (countryCounts.getOrDefault(region, 0) >= limits.countryHourly(region)) {
            return Optional.of(LimitKind.COUNTRY);
        }
        if (budgetUsed >= limits.dailyBudget()) {
            return Optional.of(LimitKind.DAILY_BUDGET);
        }
        return Optional.empty();
    }

    private void roll(Instant now) {
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        if (!hour.equals(countryHour)) {
            countryHour = hour;
            countryCounts.clear();
        }
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!day.equals(budgetDay)) {
            budgetDay = day;
            budgetUsed = 0;
        }
    }
}
