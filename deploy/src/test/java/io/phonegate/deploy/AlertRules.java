package io.phonegate.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The alerting rules of deploy/prometheus/alerts.yml. */
final class AlertRules {

    static final String FILE = "deploy/prometheus/alerts.yml";
    static final String TESTS_FILE = "deploy/prometheus/alerts-test.yml";

    record Alert(String name, String expression, Map<String, Object> labels, Map<String, Object> annotations) {
    }

    /** One {@code alert_rule_test} entry: an alert evaluated at a time, expected to fire or not. */
    record UnitTest(String alertName, boolean expectsFiring) {
    }

    private AlertRules() {
    }

    static List<Alert> load() {
        List<Alert> alerts = new ArrayList<>();
        for (Map<String, Object> group : Structure.maps(Repository.yaml(FILE).get("groups"), FILE + " groups")) {
            for (Map<String, Object> rule : Structure.maps(group.get("rules"), FILE + " rules")) {
                if (rule.containsKey("alert")) {
                    String name = Structure.string(rule.get("alert"), FILE + " alert");
                    alerts.add(new Alert(name,
                            Structure.string(rule.get("expr"), name + " expr"),
                            Structure.map(rule.get("labels"), name + " labels"),
                            Structure.map(rule.get("annotations"), name + " annotations")));
                }
            }
        }
        return alerts;
    }

    static List<UnitTest> unitTests() {
        List<UnitTest> tests = new ArrayList<>();
        for (Map<String, Object> test : Structure.maps(Repository.yaml(TESTS_FILE).get("tests"), TESTS_FILE + " tests")) {
            Object ruleTests = test.get("alert_rule_test");
            if (ruleTests == null) {
                continue;
            }
            for (Map<String, Object> ruleTest : Structure.maps(ruleTests, TESTS_FILE + " alert_rule_test")) {
                List<Object> expected = Structure.list(ruleTest.get("exp_alerts"), TESTS_FILE + " exp_alerts");
                tests.add(new UnitTest(Structure.string(ruleTest.get("alertname"), TESTS_FILE + " alertname"),
                        !expected.isEmpty()));
            }
        }
        return tests;
    }
}
