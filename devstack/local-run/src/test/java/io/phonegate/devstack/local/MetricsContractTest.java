package io.phonegate.devstack.local;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric the alert rules and the dashboard read (deploy/metric-names.txt, kept equal
 * to them by deploy's own tests) is exposed by the running services — before any failure
 * happened, so a rate() over it works from the first scrape.
 */
@Order(3)
@ExtendWith(SharedLocalStack.class)
class MetricsContractTest {

    @Test
    void everyMetricTheAlertsAndDashboardReadIsExposed(LocalStack stack) throws IOException {
        Path root = LocalStackSettings.findRepoRoot(Path.of(""));
        List<String> referenced = Files.readAllLines(root.resolve("deploy/metric-names.txt")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        Phonegate client = new Phonegate(stack);
        Set<String> exposed = new HashSet<>();
        for (URI service : List.of(stack.gatewayUri(), stack.dispatcherUri(), stack.reaperUri())) {
            Phonegate.Response scrape = client.get(service.resolve("/actuator/prometheus"));
            assertThat(scrape.status()).as("scrape of %s", service).isEqualTo(200);
            scrape.body().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).forEach(exposed::add);
        }
        assertThat(referenced).isNotEmpty().allSatisfy(name -> assertThat(exposed).as("exposed metric names").contains(name));
    }

    @Test
    void noMetricLabelHoldsAPhoneNumber(LocalStack stack) {
        Phonegate client = new Phonegate(stack);
        for (URI service : List.of(stack.gatewayUri(), stack.dispatcherUri(), stack.reaperUri())) {
            assertThat(client.get(service.resolve("/actuator/prometheus")).body())
                    .as("metrics of %s", service).doesNotContainPattern("\\+[1-9][0-9]{6,14}");
        }
    }
}
