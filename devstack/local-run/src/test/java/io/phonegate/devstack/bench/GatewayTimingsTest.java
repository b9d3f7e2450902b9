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
        Timer work = Timer.builder("phonegate.gateway.requests.work").publishPercentileHistogram().register(registry);
        for (int i = 0; i < 500; i++) {
            challenged.record(Duration.ofMillis(900));
        }
        work.record(Duration.ofMillis(5));
        GatewayTimings.Scrape before = GatewayTimings.Scrape.parse(registry.scrape());

        for (int i = 0; i < 98; i++) {
            challenged.record(Duration.ofMillis(250));
        }
        challenged.record(Duration.ofMillis(400));
        challenged.record(Duration.ofMillis(2_000));
        for (int i = 0; i < 3; i++) {
            work.record(Duration.ofMillis(45));
        }
        Timer shed = starts("shed");
        for (int i = 0; i < 1_000; i++) {
            shed.record(Duration.ofMillis(5_000));
        }
        limit.set(17);
        GatewayTimings.Scrape rate = GatewayTimings.Scrape.parse(registry.scrape()).since(before);

        GatewayTimings.Histogram answers = rate.answers();
        assertThat(answers.count()).isEqualTo(100);
        // Upper bounds of the buckets that hold them: no lower than the values, within a bucket's width above.
        assertThat(answers.atMostMs(0.50)).isBetween(250.0, 360.0);
        assertThat(answers.atMostMs(0.99)).isBetween(400.0, 540.0);
        assertThat(answers.atMostMs(1.0)).isBetween(2_000.0, 2_900.0);
        assertThat(answers.brief()).startsWith("p50 ≤ ").contains("(n=100)");
        assertThat(rate.work().count()).as("the work histogram is apart from the answers'").isEqualTo(3);
        assertThat(rate.work().atMostMs(1.0)).isBetween(45.0, 65.0);
        assertThat(rate.limit()).isEqualTo(17);
    }

    @Test
    void aGatewayThatAnsweredNo202SaysSo() {
        starts("shed").record(Duration.ofMillis(3));
        GatewayTimings.Scrape scrape = GatewayTimings.Scrape.parse(registry.scrape());

        assertThat(scrape.answers().count()).isZero();
        assertThat(scrape.answers().brief()).isEqualTo("none");
        assertThat(scrape.work().count()).isZero();
        assertThat(scrape.limit()).isEqualTo(-1);
    }
}
