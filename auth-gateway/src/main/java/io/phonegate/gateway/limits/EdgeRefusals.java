package io.phonegate.gateway.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Map;

/** Counts refusals by limit ({@code phonegate_edge_rate_limited_total{limit}}) and makes the exception the client sees. */
final class EdgeRefusals {

    private final Map<EdgeLimit, Counter> counters = new EnumMap<>(EdgeLimit.class);

    EdgeRefusals(MeterRegistry meters) {
        // Zero series from the start, so rate() and the alerts work before the first refusal.
        for (EdgeLimit limit : EdgeLimit.values()) {
            counters.put(limit, Counter.builder("phonegate.edge.rate.limited").tag("limit", limit.tag())
                    .description("Requests refused by a limit of the gateway").register(meters));
        }
    }

    RateLimitedException refused(Verdict<?> verdict) {
        counters.get(verdict.refusedBy()).increment();
        return new RateLimitedException(verdict.refusedBy(), verdict.retryAfter());
    }
}
