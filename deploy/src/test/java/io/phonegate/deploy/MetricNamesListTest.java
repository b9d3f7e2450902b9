package io.phonegate.deploy;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/metric-names.txt lists every name the alerts and the dashboard read, so a test
 * against the running services can check each one on /actuator/prometheus without parsing
 * PromQL. These tests keep the list honest.
 */
class MetricNamesListTest {

    static final String FILE = "deploy/metric-names.txt";
    /** Prometheus makes {@code up} itself; no service exposes it. */
    private static final Set<String> FROM_PROMETHEUS = Set.of("up");

    @Test
    void listsExactlyTheServiceMetricsTheAlertsAndTheDashboardRead() {
        Set<String> read = new TreeSet<>();
        AlertRules.load().forEach(alert -> read.addAll(PromQl.metricNames(alert.expression())));
        Dashboard.panels().forEach(panel -> panel.expressions().forEach(e -> read.addAll(PromQl.metricNames(e))));
        Dashboard.variableQueries().forEach(query -> read.addAll(PromQl.metricNames(query)));
        read.removeAll(FROM_PROMETHEUS);

        assertThat(listed()).containsExactlyElementsOf(read);
    }

    @Test
    void everyListedNameIsInTheContract() {
        MetricsContract contract = MetricsContract.load();

        assertThat(listed()).allSatisfy(name -> assertThat(contract.allows(name)).as(name).isTrue());
    }

    static Set<String> listed() {
        Set<String> names = new TreeSet<>();
        for (String line : Repository.read(FILE).split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }
}
