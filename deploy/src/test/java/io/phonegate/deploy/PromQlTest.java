package io.phonegate.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTest {

    @Test
    void findsTheMetricsButNotFunctionsAggregationsOrGroupingLabels() {
        String expression = "histogram_quantile(0.99, sum by (le) (rate(phonegate_otp_delivery_latency_seconds_bucket[10m]))) > 20";

        assertThat(PromQl.metricNames(expression)).containsExactly("phonegate_otp_delivery_latency_seconds_bucket");
    }

    @Test
    void ignoresLabelMatchersAndTheirValues() {
        String expression = "sum(rate(phonegate_cognito_errors_total{application=\"limbo-reaper\", error!=\"Too_Many\"}[15m]))";

        assertThat(PromQl.metricNames(expression)).containsExactly("phonegate_cognito_errors_total");
    }

    @Test
    void readsEverySideOfBinaryOperatorsAndSetOperators() {
        String expression = "sum(a_total) / sum(b_total) > 0.25 and on() sum(c_total) > 5e-2 or vector(0) unless absent(up{job=\"x\"})";

        assertThat(PromQl.metricNames(expression)).containsExactly("a_total", "b_total", "c_total", "up");
    }

    @Test
    void ignoresGrafanaVariablesAndTheLabelArgumentOfLabelValues() {
        assertThat(PromQl.metricNames("sum(rate(x_total{application=~\"$application\"}[$__rate_interval]))"))
                .containsExactly("x_total");
        assertThat(PromQl.metricNames("label_values(jvm_memory_used_bytes, application)"))
                .containsExactly("jvm_memory_used_bytes");
    }

    @Test
    void ignoresOffsetsAndGroupModifiers() {
        String expression = "rate(a_total[5m] offset 1h) * on (instance) group_left (version) b_info";

        assertThat(PromQl.metricNames(expression)).containsExactly("a_total", "b_info");
    }
}
