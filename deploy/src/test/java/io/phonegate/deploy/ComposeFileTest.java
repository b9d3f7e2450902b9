package io.phonegate.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.phonegate.deploy.Structure.at;
import static io.phonegate.deploy.Structure.list;
import static io.phonegate.deploy.Structure.maps;
import static org.assertj.core.api.Assertions.assertThat;

class ComposeFileTest {

    private static final String FILE = "docker-compose.yml";
    private static final String TOPICS_SOURCE = "common/src/main/java/io/phonegate/common/event/Topics.java";

    private final Map<String, Object> compose = Repository.yaml(FILE);
    private final Map<String, Object> services = at(compose, "services");

    @Test
    void usesNothingDebiansDockerCompose129Rejects() {
        assertThat(compose).doesNotContainKey("name");
        services.forEach((name, service) -> {
            Object healthcheck = Structure.map(service, name).get("healthcheck");
            if (healthcheck != null) {
                assertThat(Structure.map(healthcheck, name + " healthcheck")).as(name).doesNotContainKey("start_interval");
            }
        });
    }

    @Test
    void everyLongRunningContainerHasAHealthcheck() {
        services.forEach((name, service) -> {
            if (!"no".equals(Structure.map(service, name).get("restart"))) {
                assertThat(at(Structure.map(service, name), "healthcheck")).as(name).containsKey("test");
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth-gateway", "otp-dispatcher", "limbo-reaper"})
    void serviceWaitsForAHealthyKafkaAndItsTopicsAndIsBuiltFromItsDockerfile(String service) {
        Map<String, Object> definition = at(services, service);

        assertThat(at(definition, "depends_on", "kafka")).containsEntry("condition", "service_healthy");
        assertThat(at(definition, "depends_on", "kafka-topics")).containsEntry("condition", "service_completed_successfully");
        assertThat(at(definition, "build")).containsEntry("context", ".").containsEntry("dockerfile", service + "/Dockerfile");
        assertThat(Repository.path(service + "/Dockerfile")).isRegularFile();
    }

    @Test
    void consumersPublishNoHostPortSoTheyScaleAndTheGatewayPublishesARange() {
        assertThat(at(services, "otp-dispatcher")).doesNotContainKey("ports");
        assertThat(at(services, "limbo-reaper")).doesNotContainKey("ports");
        assertThat(list(at(services, "auth-gateway").get("ports"), "ports"))
                .singleElement().asString().matches(".*\\d+-\\d+}?:8080");
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth-gateway", "otp-dispatcher"})
    void serviceWaitsForAHealthyRedisAndIsToldWhereItIs(String service) {
        Map<String, Object> definition = at(services, service);

        assertThat(at(definition, "depends_on", "redis")).containsEntry("condition", "service_healthy");
        assertThat(String.valueOf(at(definition, "environment").get("SPRING_DATA_REDIS_URL")))
                .isEqualTo("${SPRING_DATA_REDIS_URL:-redis://redis:6379}");
    }

    @Test
    void theGatewayGetsTheBotCheckAndTestNumbersOffUnlessTheyAreSet() {
        Map<String, Object> environment = at(at(services, "auth-gateway"), "environment");

        assertThat(environment)
                .containsEntry("PHONEGATE_BOTCHECK_PROVIDER", "${PHONEGATE_BOTCHECK_PROVIDER:-none}")
                .containsEntry("PHONEGATE_BOTCHECK_SITEKEY", "${PHONEGATE_BOTCHECK_SITEKEY-}")
                .containsEntry("PHONEGATE_BOTCHECK_SECRET", "${PHONEGATE_BOTCHECK_SECRET-}")
                .containsEntry("PHONEGATE_TEST_NUMBERS", "${PHONEGATE_TEST_NUMBERS-}")
                .containsEntry("PHONEGATE_TESTNUMBERS_ALLOWINPRODUCTION", "${PHONEGATE_TESTNUMBERS_ALLOWINPRODUCTION:-false}");
    }

    @Test
    void theEmulatedCreateTriggerGetsTheGatewaysTestNumbers() {
        assertThat(at(at(services, "cognito-emulator"), "environment"))
                .containsEntry("PHONEGATE_TEST_NUMBERS", at(at(services, "auth-gateway"), "environment").get("PHONEGATE_TEST_NUMBERS"));
    }

    @Test
    void redisNeverEvictsLiveCounts() {
        assertThat(String.join(" ", list(at(services, "redis").get("command"), "redis command").stream()
                .map(String::valueOf).toList())).contains("--maxmemory-policy noeviction");
    }

    @Test
    void emulatorsRunOnlyInTheLocalProfile() {
        services.forEach((name, service) -> {
            Object profiles = Structure.map(service, name).get("profiles");
            if (name.endsWith("-emulator")) {
                assertThat(list(profiles, name + " profiles")).as(name).containsExactly("local");
            } else {
                assertThat(profiles).as(name + " runs in every profile").isNull();
            }
        });
    }

    @Test
    void createsEveryTopicOfCommonWithItsDeadLetterTopic() {
        Set<String> topics = new TreeSet<>();
        Matcher constant = Pattern.compile("\"(phonegate\\.[a-z.]+)\"").matcher(Repository.read(TOPICS_SOURCE));
        while (constant.find()) {
            topics.add(constant.group(1));
        }
        Map<String, Object> creator = at(services, "kafka-topics");
        String created = String.valueOf(at(creator, "environment").get("PHONEGATE_TOPICS"));

        assertThat(topics).as("topics named in " + TOPICS_SOURCE).isNotEmpty();
        assertThat(new TreeSet<>(Arrays.asList(created.strip().split("\\s+")))).isEqualTo(topics);
        assertThat(String.join("\n", list(creator.get("entrypoint"), "entrypoint").stream().map(String::valueOf).toList()))
                .contains("\"$$topic.dlq\"").contains("--if-not-exists");
    }

    @Test
    void prometheusScrapesEveryServiceOnItsManagementPort() {
        List<Map<String, Object>> jobs = maps(Repository.yaml("deploy/prometheus/prometheus.yml").get("scrape_configs"), "scrape_configs");

        // Each on its management port: the gateway's actuator is not on its API port 8080.
        for (String[] service : new String[][] {{"auth-gateway", "8180"}, {"otp-dispatcher", "8081"}, {"limbo-reaper", "8082"}}) {
            Map<String, Object> job = jobs.stream()
                    .filter(candidate -> service[0].equals(candidate.get("job_name")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no scrape job " + service[0]));
            Map<String, Object> discovery = maps(job.get("dns_sd_configs"), service[0] + " dns_sd_configs").get(0);

            assertThat(job).containsEntry("metrics_path", "/actuator/prometheus");
            assertThat(list(discovery.get("names"), "names")).containsExactly(service[0]);
            assertThat(discovery.get("port")).isEqualTo(Integer.parseInt(service[1]));
            assertThat(services).containsKey(service[0]);
            assertThat(String.join(" ", list(at(Structure.map(services.get(service[0]), service[0]), "healthcheck").get("test"),
                    "test").stream().map(String::valueOf).toList()))
                    .as("%s healthcheck", service[0]).contains("127.0.0.1:" + service[1] + "/actuator/health/readiness");
        }
    }
}
