package io.phonegate.devstack.faults;

import io.phonegate.devstack.sns.SmsMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How long people waited for their code in one scenario: from the client sending its start to the SMS
 * reaching SNS (both instants taken in the suite's JVM, where the SNS emulator runs). A dispatcher that
 * owns partitions but cannot be reached, or a group waiting for a dead member, shows here as a long
 * tail, although every code arrives in the end and the scenario's line shows no harm.
 *
 * @param all        every accepted start of the load that got an SMS
 * @param afterFault those started after the fault ended: what people meet once the fault is over
 * @param setUp      the scenario's set-up sign-ups, made right after the previous scenario ended
 * @param late       starts (load and set-up) whose SMS came later than the reaper's TTL after them: in
 *                   this suite a sign-up's pending user is deleted by then, so its code can no longer be used
 * @param reaperTtl  the TTL {@code late} is counted against
 */
record SmsDelays(Summary all, Summary afterFault, Summary setUp, int late, Duration reaperTtl) {

    /** Nearest-rank percentiles of a sample of delays; {@code count} 0 when there was none. */
    record Summary(int count, Duration p50, Duration p99, Duration max) {

        static final Summary NONE = new Summary(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

        static Summary of(List<Duration> delays) {
            if (delays.isEmpty()) {
                return NONE;
            }
            List<Duration> sorted = delays.stream().sorted().toList();
            return new Summary(sorted.size(), rank(sorted, 0.50), rank(sorted, 0.99), sorted.get(sorted.size() - 1));
        }

        private static Duration rank(List<Duration> sorted, double quantile) {
            int index = (int) Math.ceil(quantile * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }

    /**
     * @param starts      the load's starts (each number started once)
     * @param setUpStarts when each set-up sign-up was started, by number (failed attempts included)
     * @param sms         every SMS of the run, by number
     * @param healedAt    when the fault ended
     */
    static SmsDelays of(List<LoadDriver.Start> starts, Map<String, Instant> setUpStarts,
                        Map<String, List<SmsMessage>> sms, Instant healedAt, Duration reaperTtl) {
        List<Timed> load = starts.stream().filter(LoadDriver.Start::accepted)
                .map(start -> Timed.of(start.sentAt(), sms.get(start.phone()))).filter(Objects::nonNull).toList();
        List<Timed> setUp = setUpStarts.entrySet().stream()
                .map(entry -> Timed.of(entry.getValue(), sms.get(entry.getKey()))).filter(Objects::nonNull).toList();
        int late = (int) java.util.stream.Stream.concat(load.stream(), setUp.stream())
                .filter(timed -> timed.delay().compareTo(reaperTtl) > 0).count();
        return new SmsDelays(Summary.of(load.stream().map(Timed::delay).toList()),
                Summary.of(load.stream().filter(timed -> !timed.startedAt().isBefore(healedAt)).map(Timed::delay).toList()),
                Summary.of(setUp.stream().map(Timed::delay).toList()), late, reaperTtl);
    }

    /** A start and how long its first SMS took; null when none came (counted as lost elsewhere). */
    private record Timed(Instant startedAt, Duration delay) {

        static Timed of(Instant startedAt, List<SmsMessage> texts) {
            if (texts == null || texts.isEmpty()) {
                return null;
            }
            Instant first = texts.stream().map(SmsMessage::receivedAt).min(Comparator.naturalOrder()).orElseThrow();
            return new Timed(startedAt, Duration.between(startedAt, first));
        }
    }

    /** One line under the scenario's: {@code start-to-SMS p50 0.3 s, p99 1.2 s, max 1.5 s; after the fault …}. */
    String line() {
        String text = "start-to-SMS " + percentiles(all)
                + "; started after the fault: " + (afterFault.count() == 0 ? "none" : "p99 " + seconds(afterFault.p99())
                + ", max " + seconds(afterFault.max()))
                + "; set-up sign-ups: " + (setUp.count() == 0 ? "none" : "max " + seconds(setUp.max()));
        return late == 0 ? text : text + String.format(Locale.ROOT,
                "; %d texted more than the reaper's TTL (%s) after the start   << LATE", late, seconds(reaperTtl));
    }

    private static String percentiles(Summary summary) {
        return summary.count() == 0 ? "none" : "p50 " + seconds(summary.p50()) + ", p99 " + seconds(summary.p99())
                + ", max " + seconds(summary.max());
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
