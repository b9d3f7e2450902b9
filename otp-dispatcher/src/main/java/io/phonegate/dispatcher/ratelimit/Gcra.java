package io.phonegate.dispatcher.ratelimit;

import io.phonegate.dispatcher.DispatcherProperties;

/**
 * The pacing rule's two numbers, in microseconds: the interval between sends ({@code 1/rate}, rounded
 * up so the rate is never exceeded) and the tolerance ({@code (burst - 1) × interval}): how far
 * ahead of its even spacing a send may go.
 */
record Gcra(long intervalMicros, long toleranceMicros) {

    static Gcra of(DispatcherProperties.Pacing pacing) {
        long interval = (long) Math.ceil(1_000_000 / pacing.perSecond());
        return new Gcra(interval, (pacing.burst() - 1L) * interval);
    }
}
