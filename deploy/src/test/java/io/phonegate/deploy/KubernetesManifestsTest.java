package io.phonegate.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.phonegate.deploy.KubernetesManifests.BASE;
import static io.phonegate.deploy.KubernetesManifests.find;
import static io.phonegate.deploy.Structure.at;
import static io.phonegate.deploy.Structure.list;
import static io.phonegate.deploy.Structure.map;
import static io.phonegate.deploy.Structure.maps;
import static org.assertj.core.api.Assertions.assertThat;

class KubernetesManifestsTest {

    private static final List<String> SERVICES = List.of("auth-gateway", "otp-dispatcher", "limbo-reaper");
    private static final Pattern SECRET_LIKE = Pattern.compile(".*(SECRET|KEYS|PASSWORD|TOKEN).*");

    private final List<KubernetesManifests.K8sObject> base = KubernetesManifests.objects(BASE);

    @ParameterizedTest
    @MethodSource("services")
    void everyServiceHasItsDeploymentServiceAutoscalerAndDisruptionBudget(String service) {
        assertThat(find(base, "Deployment", service).apiVersion()).isEqualTo("apps/v1");
        assertThat(find(base, "Service", service).apiVersion()).isEqualTo("v1");
        assertThat(find(base, "HorizontalPodAutoscaler", service).apiVersion()).isEqualTo("autoscaling/v2");
        assertThat(find(base, "PodDisruptionBudget", service).apiVersion()).isEqualTo("policy/v1");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            auth-gateway, 8180
            otp-dispatcher, 8081
            limbo-reaper, 8082
            """)
    void deploymentProbesLivenessAndReadinessOnTheManagementPort(String service, int port) {
        Map<String, Object> container = container(service);

        assertThat(namedPort(service, "management").get("containerPort")).isEqualTo(port);
        assertThat(at(container, "livenessProbe", "httpGet")).containsEntry("path", "/actuator/health/liveness").containsEntry("port", "management");
        assertThat(at(container, "readinessProbe", "httpGet")).containsEntry("path", "/actuator/health/readiness").containsEntry("port", "management");
        assertThat(at(container, "startupProbe", "httpGet")).containsEntry("path", "/actuator/health/liveness").containsEntry("port", "management");
        Map<String, Object> annotations = at(find(base, "Deployment", service).content(), "spec", "template", "metadata", "annotations");
        assertThat(annotations).containsEntry("prometheus.io/port", String.valueOf(port));
    }

    @Test
    void theGatewaysServicePublishesItsApiPortAndNeverItsManagementPort() {
        assertThat(namedPort("auth-gateway", "http").get("containerPort")).isEqualTo(8080);
        List<Map<String, Object>> published = maps(at(find(base, "Service", "auth-gateway").content(), "spec").get("ports"), "ports");

        assertThat(published).singleElement().satisfies(port -> assertThat(port).containsEntry("targetPort", "http").containsEntry("port", 8080));
    }

    @Test
    void thePodMonitorScrapesTheManagementPort() {
        KubernetesManifests.K8sObject monitor = find(KubernetesManifests.objects(KubernetesManifests.K8S), "PodMonitor", "phonegate");

        assertThat(maps(at(monitor.content(), "spec").get("podMetricsEndpoints"), "podMetricsEndpoints")).singleElement()
                .satisfies(endpoint -> assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/actuator/prometheus"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"otp-dispatcher", "limbo-reaper"})
    void servicesWithoutAnApiHaveOnlyTheirManagementPort(String service) {
        assertThat(maps(container(service).get("ports"), service + " ports")).singleElement()
                .satisfies(port -> assertThat(port).containsEntry("name", "management"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void deploymentRequestsAndLimitsResourcesWithMemoryLimitEqualToRequest(String service) {
        Map<String, Object> resources = at(container(service), "resources");

        assertThat(at(resources, "requests")).containsKeys("cpu", "memory");
        assertThat(at(resources, "limits")).containsKeys("cpu", "memory");
        assertThat(at(resources, "limits").get("memory")).isEqualTo(at(resources, "requests").get("memory"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void podRunsAsNonRootWithoutPrivilegeEscalationOnAReadOnlyRoot(String service) {
        Map<String, Object> pod = podSpec(service);
        Map<String, Object> container = container(service);

        assertThat(at(pod, "securityContext")).containsEntry("runAsNonRoot", true);
        assertThat((Integer) at(pod, "securityContext").get("runAsUser")).isPositive();
        assertThat(at(container, "securityContext"))
                .containsEntry("allowPrivilegeEscalation", false)
                .containsEntry("readOnlyRootFilesystem", true);
        assertThat(list(at(container, "securityContext", "capabilities").get("drop"), "drop")).contains("ALL");
    }

    @ParameterizedTest
    @MethodSource("services")
    void autoscalerScalesItsOwnDeploymentWhichLeavesReplicasToIt(String service) {
        Map<String, Object> spec = at(find(base, "HorizontalPodAutoscaler", service).content(), "spec");

        assertThat(at(spec, "scaleTargetRef")).containsEntry("kind", "Deployment").containsEntry("name", service);
        assertThat((Integer) spec.get("minReplicas")).isPositive();
        assertThat((Integer) spec.get("maxReplicas")).isGreaterThanOrEqualTo((Integer) spec.get("minReplicas"));
        assertThat(at(find(base, "Deployment", service).content(), "spec")).doesNotContainKey("replicas");
    }

    @ParameterizedTest
    @ValueSource(strings = {"otp-dispatcher", "limbo-reaper"})
    void consumerAutoscalerStopsAtTheTopicPartitionCount(String service) {
        int partitions = topicPartitionsInCompose();
        Map<String, Object> spec = at(find(base, "HorizontalPodAutoscaler", service).content(), "spec");

        assertThat((Integer) spec.get("maxReplicas"))
                .as("instances beyond the partition count of the consumed topics would sit idle")
                .isLessThanOrEqualTo(partitions);
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceAndDisruptionBudgetSelectTheDeploymentsPods(String service) {
        Map<String, Object> podLabels = at(find(base, "Deployment", service).content(), "spec", "template", "metadata", "labels");
        Map<String, Object> serviceSelector = at(find(base, "Service", service).content(), "spec", "selector");
        Map<String, Object> budgetSelector = at(find(base, "PodDisruptionBudget", service).content(), "spec", "selector", "matchLabels");

        assertThat(podLabels).containsAllEntriesOf(serviceSelector).containsAllEntriesOf(budgetSelector);
        assertThat(serviceSelector).isNotEmpty();
        Set<String> containerPorts = maps(container(service).get("ports"), service + " ports").stream()
                .map(port -> String.valueOf(port.get("name"))).collect(Collectors.toSet());
        assertThat(maps(at(find(base, "Service", service).content(), "spec").get("ports"), "ports"))
                .allSatisfy(port -> assertThat(containerPorts).contains(String.valueOf(port.get("targetPort"))));
    }

    @Test
    void noManifestHoldsASecretValue() {
        List<KubernetesManifests.K8sObject> everything = KubernetesManifests.objects(KubernetesManifests.K8S);

        assertThat(everything).extracting(KubernetesManifests.K8sObject::kind).doesNotContain("Secret");
        for (String service : SERVICES) {
            for (Map<String, Object> env : maps(container(service).get("env"), service + " env")) {
                String name = String.valueOf(env.get("name"));
                if (SECRET_LIKE.matcher(name).matches()) {
                    assertThat(env).as(service + " " + name).doesNotContainKey("value");
                    assertThat(at(env, "valueFrom")).as(service + " " + name).containsKey("secretKeyRef");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth-gateway", "otp-dispatcher"})
    void theStoreUrlWithItsCredentialsComesFromTheRedisSecret(String service) {
        Map<String, Object> url = maps(container(service).get("env"), service + " env").stream()
                .filter(env -> "SPRING_DATA_REDIS_URL".equals(env.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(service + " has no SPRING_DATA_REDIS_URL"));

        assertThat(url).doesNotContainKey("value");
        assertThat(at(url, "valueFrom", "secretKeyRef")).containsEntry("name", "phonegate-redis").containsEntry("key", "url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth-gateway", "otp-dispatcher", "limbo-reaper"})
    void onlyTheGatewayHoldsTheAnswerKeysAndFromTheirOwnSecret(String service) {
        List<Map<String, Object>> answerKeys = maps(container(service).get("env"), service + " env").stream()
                .filter(env -> String.valueOf(env.get("name")).startsWith("PHONEGATE_ANSWER_"))
                .toList();

        if (!service.equals("auth-gateway")) {
            assertThat(answerKeys).isEmpty();
            return;
        }
        assertThat(answerKeys).extracting(env -> env.get("name"))
                .containsExactlyInAnyOrder("PHONEGATE_ANSWER_KEYS", "PHONEGATE_ANSWER_SIGNING_KEY_ID");
        assertThat(answerKeys).allSatisfy(env -> assertThat(at(env, "valueFrom", "secretKeyRef"))
                .containsEntry("name", "phonegate-answer"));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            PHONEGATE_BOTCHECK_SECRET, phonegate-botcheck, secret
            PHONEGATE_TEST_NUMBERS, phonegate-test-numbers, numbers
            """)
    void theBotCheckSecretAndTheTestNumbersReachOnlyTheGatewayFromOptionalSecrets(String variable, String secret, String key) {
        for (String service : SERVICES) {
            List<Map<String, Object>> matching = maps(container(service).get("env"), service + " env").stream()
                    .filter(env -> variable.equals(env.get("name")))
                    .toList();
            if (!service.equals("auth-gateway")) {
                assertThat(matching).as(service + " " + variable).isEmpty();
                continue;
            }
            // Optional: a cluster without the Secret runs as before (no bot check, no test numbers).
            assertThat(matching).as(service + " " + variable).singleElement()
                    .satisfies(env -> assertThat(at(env, "valueFrom", "secretKeyRef"))
                            .containsEntry("name", secret).containsEntry("key", key).containsEntry("optional", true));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE + "/kustomization.yaml", KubernetesManifests.K8S + "/overlays/production/kustomization.yaml"})
    void theSettingsConfigMapsCarryNoBotCheckSecretOrTestNumbers(String kustomization) {
        List<String> literals = settingsLiterals(kustomization);

        assertThat(literals).isNotEmpty().noneMatch(literal -> literal.startsWith("PHONEGATE_BOTCHECK_SECRET=")
                || literal.startsWith("PHONEGATE_TEST_NUMBERS="));
    }

    @Test
    void theBaseLeavesTheBotCheckOffWithItsSettingsInTheConfigMap() {
        assertThat(settingsLiterals(BASE + "/kustomization.yaml"))
                .contains("PHONEGATE_BOTCHECK_PROVIDER=none", "PHONEGATE_BOTCHECK_SITEKEY=");
    }

    @Test
    void configMapsThePodsReadAreGeneratedByTheBaseKustomization() {
        Set<String> generated = maps(kustomization().get("configMapGenerator"), "configMapGenerator").stream()
                .map(generator -> String.valueOf(generator.get("name")))
                .collect(Collectors.toSet());

        for (String service : SERVICES) {
            for (Map<String, Object> source : maps(container(service).get("envFrom"), service + " envFrom")) {
                assertThat(generated).contains(String.valueOf(at(source, "configMapRef").get("name")));
            }
        }
    }

    @Test
    void baseKustomizationListsEveryManifestOfTheBaseAndNothingElse() {
        Path base = Repository.path(BASE);
        Set<String> files = new TreeSet<>();
        for (Path file : KubernetesManifests.yamlFiles(BASE)) {
            String relative = base.relativize(file).toString().replace('\\', '/');
            if (!relative.equals("kustomization.yaml")) {
                files.add(relative);
            }
        }
        List<String> resources = new ArrayList<>();
        list(kustomization().get("resources"), "resources").forEach(resource -> resources.add(String.valueOf(resource)));

        assertThat(resources).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(files);
    }

    static List<String> services() {
        return SERVICES;
    }

    /** The literals of the {@code phonegate-settings} generator of a kustomization file. */
    private static List<String> settingsLiterals(String kustomization) {
        return maps(Repository.yaml(kustomization).get("configMapGenerator"), kustomization + " configMapGenerator").stream()
                .filter(generator -> "phonegate-settings".equals(generator.get("name")))
                .flatMap(generator -> list(generator.get("literals"), kustomization + " literals").stream())
                .map(String::valueOf)
                .toList();
    }

    private Map<String, Object> kustomization() {
        return Repository.yaml(BASE + "/kustomization.yaml");
    }

    private Map<String, Object> podSpec(String service) {
        return at(find(base, "Deployment", service).content(), "spec", "template", "spec");
    }

    private Map<String, Object> namedPort(String service, String name) {
        return maps(container(service).get("ports"), service + " ports").stream()
                .filter(port -> name.equals(port.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(service + " has no port named " + name));
    }

    private Map<String, Object> container(String service) {
        List<Map<String, Object>> containers = maps(podSpec(service).get("containers"), service + " containers");
        assertThat(containers).as(service + " containers").hasSize(1);
        return map(containers.get(0), service + " container");
    }

    /** The partition count docker-compose creates the topics with: {@code ${PHONEGATE_TOPIC_PARTITIONS:-12}}. */
    static int topicPartitionsInCompose() {
        Matcher partitions = Pattern.compile("PHONEGATE_TOPIC_PARTITIONS:\\s*\\$\\{PHONEGATE_TOPIC_PARTITIONS:-(\\d+)}")
                .matcher(Repository.read("docker-compose.yml"));
        assertThat(partitions.find()).as("docker-compose.yml sets PHONEGATE_TOPIC_PARTITIONS with a default").isTrue();
        return Integer.parseInt(partitions.group(1));
    }
}
