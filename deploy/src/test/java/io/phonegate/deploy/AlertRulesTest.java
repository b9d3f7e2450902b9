package io.phonegate.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class AlertRulesTest {

    private final List<AlertRules.Alert> alerts = AlertRules.load();

    @Test
    void alertsReadOnlyMetricsOfTheContract() {
        MetricsContract contract = MetricsContract.load();

        for (AlertRules.Alert alert : alerts) {
            assertThat(PromQl.metricNames(alert.expression()))
                    .as("metrics read by %s (must be in %s)", alert.name(), MetricsContract.FILE)
                    .isNotEmpty()
                    .allSatisfy(name -> assertThat(contract.allows(name)).as(name).isTrue());
        }
    }

    @Test
    void coversWhatAnSreWatches() {
        assertThat(alerts).extracting(AlertRules.Alert::name).contains(
                "PhonegateSmsFailureRatioHigh", "PhonegateSmsDeliveryLatencyHigh", "PhonegateDeadLettersGrowing",
                "PhonegateOtpConsumerLagHigh", "PhonegateOtpBackstopRefusals", "PhonegateReaperErrors",
                "PhonegateCognitoThrottling", "PhonegateServiceDown");
    }

    @Test
    void everyAlertHasASeveritySummaryDescriptionAndARunbookSectionInTheProductionGuide() {
        String guide = Repository.read("docs/production.md");

        assertThat(alerts).extracting(AlertRules.Alert::name).doesNotHaveDuplicates();
        for (AlertRules.Alert alert : alerts) {
            assertThat(alert.labels().get("severity")).as(alert.name() + " severity").isIn("critical", "warning");
            assertThat(alert.annotations()).as(alert.name() + " annotations").containsKeys("summary", "description");
            assertThat(alert.annotations().get("runbook"))
                    .as(alert.name() + " runbook")
                    .isEqualTo("docs/production.md#" + alert.name().toLowerCase());
            assertThat(guide).as("docs/production.md has a section for " + alert.name())
                    .contains("### " + alert.name() + "\n");
        }
    }

    @Test
    void everyAlertHasAUnitTestWhereItFiresAndOneWhereItStaysQuiet() {
        List<AlertRules.UnitTest> tests = AlertRules.unitTests();
        Set<String> firing = names(tests, true);
        Set<String> quiet = names(tests, false);
        Set<String> alertNames = alerts.stream().map(AlertRules.Alert::name).collect(Collectors.toCollection(TreeSet::new));

        assertThat(firing).as("alerts with a firing case in " + AlertRules.TESTS_FILE).containsAll(alertNames);
        assertThat(quiet).as("alerts with a quiet case in " + AlertRules.TESTS_FILE).containsAll(alertNames);
        assertThat(alertNames).as("tested alerts that exist").containsAll(firing).containsAll(quiet);
    }

    private static Set<String> names(List<AlertRules.UnitTest> tests, boolean firing) {
        return tests.stream()
                .filter(test -> test.expectsFiring() == firing)
                .map(AlertRules.UnitTest::alertName)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
