package io.phonegate.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsContractTest {

    private static final String MARKDOWN = """
            # Metrics contract
            | Micrometer | Prometheus | tags | meaning |
            |---|---|---|---|
            | `phonegate.auth.starts` | `phonegate_auth_starts_total` | `outcome` = `challenged` | starts |
            | `phonegate.auth.start` (timer) | `phonegate_auth_start_seconds_bucket/_count/_sum` | `outcome` | latency |

            ## From the libraries
            Binder: `spring_cloud_stream_binder_kafka_offset` (`group`, `topic`: lag).
            JVM: `jvm_gc_pause_seconds`. Prometheus: `up`.
            """;

    @Test
    void readsTheTablesPrometheusColumnWithItsSuffixes() {
        MetricsContract contract = MetricsContract.parse(MARKDOWN);

        assertThat(contract.names()).contains(
                "phonegate_auth_starts_total",
                "phonegate_auth_start_seconds_bucket", "phonegate_auth_start_seconds_count", "phonegate_auth_start_seconds_sum");
        assertThat(contract.allows("phonegate.auth.starts")).as("Micrometer names are not Prometheus names").isFalse();
        assertThat(contract.allows("outcome")).as("tags are not metrics").isFalse();
    }

    @Test
    void readsLibraryNamesTimerSuffixesAndUpButNotTags() {
        MetricsContract contract = MetricsContract.parse(MARKDOWN);

        assertThat(contract.names()).contains(
                "spring_cloud_stream_binder_kafka_offset", "up",
                "jvm_gc_pause_seconds_count", "jvm_gc_pause_seconds_sum", "jvm_gc_pause_seconds_max");
        assertThat(contract.allows("group")).isFalse();
        assertThat(contract.allows("topic")).isFalse();
    }

    @Test
    void theRepositorysContractNamesEveryServiceMetric() {
        MetricsContract contract = MetricsContract.load();

        assertThat(contract.names()).contains(
                "phonegate_auth_verifies_total", "phonegate_otp_delivery_total",
                "phonegate_otp_delivery_latency_seconds_bucket", "phonegate_reaper_users_reaped_total",
                "phonegate_reaper_sweep_seconds_max", "kafka_consumer_fetch_manager_records_lag_max");
    }
}
