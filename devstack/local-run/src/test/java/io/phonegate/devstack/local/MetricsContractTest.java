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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric the alert rules and the dashboard read (deploy/metric-names.txt, kept equal
 * to them by deploy's own tests) is exposed by the running services on their management ports —
 * before any failure happened, so a rate() over it works from the first scrape.
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
        for (URI service : managementUris(stack)) {
            Phonegate.Response scrape = client.get(service.resolve("/actuator/prometheus"));
            assertThat(scrape.status()).as("scrape of %s", service).isEqualTo(200);
            scrape.body().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).forEach(exposed::add);
        }
        assertThat(referenced).isNotEmpty().allSatisfy(name -> assertThat(exposed).as("exposed metric names").contains(name));
    }

    @Test
    void noServiceAnswersActuatorOnThePublicPortOfTheGateway(LocalStack stack) {
        Phonegate client = new Phonegate(stack);
        for (ServiceProcess gateway : stack.gateways()) {
            assertThat(gateway.managementPort()).isNotEqualTo(gateway.port());
            assertThat(client.get(gateway.baseUri().resolve("/actuator/prometheus")).status()).isEqualTo(404);
            assertThat(client.get(gateway.baseUri().resolve("/actuator/health")).status()).isEqualTo(404);
        }
    }

    @Test
    void noMetricLabelHoldsAPhoneNumber(LocalStack stack) {
        Phonegate client = new Phonegate(stack);
        for (URI service : managementUris(stack)) {
            assertThat(client.get(service.resolve("/actuator/prometheus")).body())
                    .as("metrics of %s", service).doesNotContainPattern("\\+[1-9][0-9]{6,14}");
        }
    }

    /** Where each service's actuator answers: its management port. */
    private static List<URI> managementUris(LocalStack stack) {
        return Stream.of(stack.gateways(), stack.dispatchers(), List.of(stack.reaper()))
                .flatMap(List::stream).map(ServiceProcess::managementUri).toList();
    }
}
