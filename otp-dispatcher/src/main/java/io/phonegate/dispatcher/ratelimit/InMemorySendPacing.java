package io.phonegate.dispatcher.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * {@link SendPacing} in this process's memory, the same GCRA as {@code pace.lua}: for unit tests of
 * the pipeline and as the reference of the contract suite. One instance only: never what runs.
 */
public final class InMemorySendPacing implements SendPacing {

    private final Gcra gcra;
    private long tat;

    InMemorySendPacing(Gcra gcra) {
        this.gcra = gcra;
    }

    public static InMemorySendPacing of(io.phonegate.dispatcher.DispatcherProperties.Pacing pacing) {
        return new InMemorySendPacing(Gcra.of(pacing));
    }

    @Override
    public synchronized Optional<Duration> reserve(Instant now, Duration maxWait) {
        long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        long base = Math.max(tat, nowMicros);
        long due = Math.max(nowMicros, base - gcra.toleranceMicros());
        if (due - nowMicros > maxWait.toNanos() / 1000) {
            return Optional.empty();
        }
        tat = base + gcra.intervalMicros();
        return Optional.of(Duration.of(due - nowMicros, ChronoUnit.MICROS));
    }
}
