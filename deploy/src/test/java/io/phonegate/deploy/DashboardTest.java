package io.phonegate.deploy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardTest {

    private final List<Dashboard.Panel> panels = Dashboard.panels();

    @Test
    void isValidJsonWithAUidAndUniquePanelIds() {
        Map<String, Object> json = Dashboard.json();

        assertThat(json).containsEntry("uid", "phonegate-overview").containsKeys("title", "panels", "templating");
        assertThat(panels).extracting(Dashboard.Panel::id).doesNotHaveDuplicates();
    }

    @Test
    void everyPanelButRowsHasAQuery() {
        assertThat(panels)
                .filteredOn(panel -> !panel.type().equals("row"))
                .isNotEmpty()
                .allSatisfy(panel -> assertThat(panel.expressions()).as(panel.title()).isNotEmpty());
    }

    @Test
    void queriesReadOnlyMetricsOfTheContract() {
        MetricsContract contract = MetricsContract.load();
        List<String> expressions = new ArrayList<>(Dashboard.variableQueries());
        panels.forEach(panel -> expressions.addAll(panel.expressions()));

        for (String expression : expressions) {
            assertThat(PromQl.metricNames(expression))
                    .as("metrics read by '%s' (must be in %s)", expression, MetricsContract.FILE)
                    .isNotEmpty()
                    .allSatisfy(name -> assertThat(contract.allows(name)).as(name).isTrue());
        }
    }

    @Test
    void showsTheFunnelDeliveryLatencyFailuresLimitsLagReaperAndJvm() {
        Set<String> read = new TreeSet<>();
        panels.forEach(panel -> panel.expressions().forEach(expression -> read.addAll(PromQl.metricNames(expression))));
        String allQueries = String.join("\n", panels.stream().flatMap(panel -> panel.expressions().stream()).toList());

        assertThat(read).contains(
                "phonegate_auth_starts_total", "phonegate_otp_delivery_total", "phonegate_auth_verifies_total",
                "phonegate_otp_delivery_latency_seconds_bucket", "phonegate_otp_backstop_refusals_total",
                "phonegate_edge_rate_limited_total", "spring_cloud_stream_binder_kafka_offset",
                "phonegate_reaper_users_reaped_total", "jvm_memory_used_bytes", "process_cpu_usage");
        assertThat(allQueries).contains("histogram_quantile(0.99, sum by (le) (rate(phonegate_otp_delivery_latency_seconds_bucket");
    }

    @Test
    void panelsTakeTheirDataSourceFromTheVariable() {
        String raw = Repository.read(Dashboard.FILE);

        assertThat(raw).doesNotContain("\"uid\": \"prometheus\"");
        assertThat(raw).contains("\"uid\": \"${datasource}\"");
    }

    @Test
    void panelsFitTheGridWithoutOverlapping() {
        List<Dashboard.Panel> placed = panels;
        for (int i = 0; i < placed.size(); i++) {
            Box a = Box.of(placed.get(i));
            assertThat(a.x + a.w).as(placed.get(i).title() + " fits 24 columns").isLessThanOrEqualTo(24);
            for (int j = i + 1; j < placed.size(); j++) {
                Box b = Box.of(placed.get(j));
                assertThat(a.overlaps(b)).as(placed.get(i).title() + " overlaps " + placed.get(j).title()).isFalse();
            }
        }
    }

    private record Box(int x, int y, int w, int h) {

        static Box of(Dashboard.Panel panel) {
            Map<String, Object> grid = panel.gridPos();
            return new Box(number(grid, "x"), number(grid, "y"), number(grid, "w"), number(grid, "h"));
        }

        boolean overlaps(Box other) {
            return x < other.x + other.w && other.x < x + w && y < other.y + other.h && other.y < y + h;
        }

        private static int number(Map<String, Object> grid, String key) {
            return ((Number) grid.get(key)).intValue();
        }
    }
}
