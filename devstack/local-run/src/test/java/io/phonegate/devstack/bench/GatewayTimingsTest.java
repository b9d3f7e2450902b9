package io.phonegate.devstack.bench;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark reads the gateway's histogram as the gateway's registry writes it for Prometheus. */
class GatewayTimingsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** The gateway's start timer, as its AuthMetricsFilter registers it. */
    private Timer starts(String outcome) {
        return Timer.builder("phonegate.auth.start").tag("outcome", outcome).publishPercentileHistogram()
                .register(registry);
    }

    @Test
    void aRatesAnswersAreTheDifferenceOfTwoScrapesAndOnlyThe202sCount() {
        registry.config().commonTags("application", "auth-gateway");
        AtomicInteger limit = new AtomicInteger(32);
        Gauge.builder("phonegate.gateway.requests.limit", limit, AtomicInteger::get).register(registry);
        Timer challenged = starts("challenged");
        for (int i = 0; i < 500; i++) {
            challenged.record(Duration.ofMillis(900));
        }
        GatewayTimings.Scrape before = GatewayTimings.Scrape.parse(registry.scrape());

        for (int i = 0; i < 98; i++) {
            challenged.record(Duration.ofMillis(250));
        }
        challenged.record(Duration.ofMillis(400));
        challenged.record(Duration.ofMillis(2_000));
        Timer shed = starts("shed");
        for (int i = 0; i < 1_000; i++) {
            shed.record(Duration.ofMillis(5_000));
        }
        limit.set(17);
        GatewayTimings.Scrape rate = GatewayTimings.Scrape.parse(registry.scrape()).since(before);

        assertThat(rate.count()).isEqualTo(100);
        // Upper bounds of the buckets that hold them: no lower than the values, within a bucket's width above.
        assertThat(rate.atMostMs(0.50)).isBetween(250.0, 300.0);
        assertThat(rate.atMostMs(0.99)).isBetween(400.0, 480.0);
        assertThat(rate.atMostMs(1.0)).isBetween(2_000.0, 2_400.0);
        assertThat(rate.limit()).isEqualTo(17);
        assertThat(rate.brief()).startsWith("p50 ≤ ").contains("(n=100)");
    }

    @Test
    void aGatewayThatAnsweredNo202SaysSo() {
        starts("shed").record(Duration.ofMillis(3));
        GatewayTimings.Scrape scrape = GatewayTimings.Scrape.parse(registry.scrape());

        assertThat(scrape.count()).isZero();
        assertThat(scrape.brief()).isEqualTo("no answers");
        assertThat(scrape.limit()).isEqualTo(-1);
    }
}
