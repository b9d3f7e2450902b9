package io.phonegate.deploy;

import static io.phonegate.deploy.TemplateJson.map;
import static io.phonegate.deploy.TemplateJson.referencedId;
import static org.assertj.core.api.Assertions.assertThat;

import io.phonegate.deploy.DeploySettings.UserExistenceErrors;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TriggersTemplateTest {

    private static final String SEAL = Synthesized.SEAL_SECRET;
    private static final String ANSWER = Synthesized.ANSWER_SECRET;
    private static final String TEST_NUMBERS = Synthesized.TEST_NUMBERS_SECRET;

    /** Each trigger, its handler (cognito-triggers/README.md) and exactly the environment it must get. */
    enum Trigger {
        DEFINE("io.phonegate.triggers.define.DefineAuthChallengeHandler::handleRequest", Map.of(
                "PHONEGATE_MAX_ATTEMPTS", "3")),
        CREATE("io.phonegate.triggers.create.CreateAuthChallengeHandler::handleRequest", Map.of(
                "PHONEGATE_MAX_ATTEMPTS", "3",
                "PHONEGATE_CODE_LENGTH", "6",
                "PHONEGATE_CODE_TTL", "PT3M",
                "PHONEGATE_SEAL_KEYS", secret(SEAL, "keys"),
                "PHONEGATE_SEAL_SEALING_KEY_ID", secret(SEAL, "sealing-key-id"))),
        VERIFY("io.phonegate.triggers.verify.VerifyAuthChallengeHandler::handleRequest", Map.of(
                "PHONEGATE_MAX_ATTEMPTS", "3",
                "PHONEGATE_CODE_LENGTH", "6",
                "PHONEGATE_CODE_TTL", "PT3M",
                "PHONEGATE_SEAL_KEYS", secret(SEAL, "keys"),
                "PHONEGATE_SEAL_SEALING_KEY_ID", secret(SEAL, "sealing-key-id"),
                "PHONEGATE_ANSWER_KEYS", secret(ANSWER, "keys"),
                "PHONEGATE_ANSWER_SIGNING_KEY_ID", secret(ANSWER, "signing-key-id")));

        final String handler;
        final Map<String, String> environment;

        Trigger(String handler, Map<String, String> environment) {
            this.handler = handler;
            this.environment = environment;
        }
    }

    private static TemplateJson json;

    @BeforeAll
    static void synthesize() {
        json = new TemplateJson(Synthesized.withDefaults().template);
    }

    @Test
    void deploysExactlyTheThreeTriggersBesidesTheCustomResourceProvider() {
        assertThat(json.ofType("AWS::Lambda::Function").values())
                .filteredOn(function -> String.valueOf(function.get("Runtime")).startsWith("java"))
                .extracting(function -> function.get("Handler"))
                .containsExactlyInAnyOrder(Arrays.stream(Trigger.values()).map(t -> t.handler).toArray());
    }

    @ParameterizedTest
    @EnumSource(Trigger.class)
    void runsOnJava21WithSnapStartWithinCognitosFiveSeconds(Trigger trigger) {
        Map<String, Object> function = function(json, trigger);
        assertThat(function)
                .containsEntry("Runtime", "java21")
                .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"))
                .containsEntry("MemorySize", 512)
                .containsEntry("Timeout", 5);
    }

    @ParameterizedTest
    @EnumSource(Trigger.class)
    void getsExactlyItsKeysFromSecretsManagerAndItsSettings(Trigger trigger) {
        assertThat(map(map(function(json, trigger).get("Environment")).get("Variables")))
                .containsExactlyInAnyOrderEntriesOf(trigger.environment);
    }

    @ParameterizedTest
    @EnumSource(Trigger.class)
    void encryptsItsEnvironmentAndSnapshotWithTheStacksKey(Trigger trigger) {
        String key = referencedId(function(json, trigger).get("KmsKeyArn"));
        assertThat(json.typeOf(key)).isEqualTo("AWS::KMS::Key");
        assertThat(json.properties(key)).containsEntry("EnableKeyRotation", true);
    }

    @ParameterizedTest
    @EnumSource(Trigger.class)
    void mayOnlyWriteItsOwnLogsAndDecryptItsOwnEnvironment(Trigger trigger) {
        Map<String, Object> function = function(json, trigger);
        String role = referencedId(function.get("Role"));
        assertThat(json.properties(role)).doesNotContainKeys("ManagedPolicyArns", "Policies");
        String logGroup = referencedId(map(function.get("LoggingConfig")).get("LogGroup"));
        String key = referencedId(function.get("KmsKeyArn"));
        List<Map<String, Object>> statements = json.ofType("AWS::IAM::Policy").values().stream()
                .filter(policy -> ((List<?>) policy.get("Roles")).stream().anyMatch(r -> referencedId(r).equals(role)))
                .flatMap(policy -> ((List<?>) map(policy.get("PolicyDocument")).get("Statement")).stream())
                .map(TemplateJson::map)
                .toList();
        assertThat(statements).allSatisfy(statement -> assertThat(statement).containsEntry("Effect", "Allow"));
        assertThat(statements).hasSize(2)
                .anySatisfy(statement -> {
                    assertThat(TemplateJson.strings(statement.get("Action")))
                            .containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
                    assertThat(referencedId(statement.get("Resource"))).isEqualTo(logGroup);
                })
                .anySatisfy(statement -> {
                    assertThat(TemplateJson.strings(statement.get("Action"))).containsExactly("kms:Decrypt");
                    assertThat(referencedId(statement.get("Resource"))).isEqualTo(key);
                });
    }

    @Test
    void pinsTheSecretVersionsWhenGiven() {
        DeploySettings defaults = Synthesized.settings(UserExistenceErrors.LEGACY);
        String sealVersion = "0f5c2f3e-1d7a-4a57-9a6e-3c1b6f0e9d21";
        String answerVersion = "7e2d4c1a-9b3f-4e8d-a6c5-2f1e0d9c8b7a";
        String testNumbersVersion = "3a9f8e7d-6c5b-4a39-8281-7f6e5d4c3b2a";
        DeploySettings pinned = new DeploySettings(defaults.stackName(), defaults.poolName(),
                new SecretReference(SEAL, Optional.of(sealVersion)), new SecretReference(ANSWER, Optional.of(answerVersion)),
                Optional.of(new SecretReference(TEST_NUMBERS, Optional.of(testNumbersVersion))), defaults.userExistenceErrors(), defaults.authSessionValidity(), defaults.codeTtl(), defaults.codeLength(),
                defaults.maxAttempts(), defaults.triggerMemoryMb(), defaults.triggersJar(),
                defaults.smsMonthlySpendLimitUsd(), defaults.smsDeliverySuccessSamplePercent());
        TemplateJson template = new TemplateJson(Synthesized.of(pinned).template);
        assertThat(environment(template, Trigger.VERIFY))
                .containsEntry("PHONEGATE_SEAL_KEYS", "{{resolve:secretsmanager:" + SEAL + ":SecretString:keys::" + sealVersion + "}}")
                .containsEntry("PHONEGATE_ANSWER_KEYS",
                        "{{resolve:secretsmanager:" + ANSWER + ":SecretString:keys::" + answerVersion + "}}");
        assertThat(environment(template, Trigger.CREATE)).containsEntry("PHONEGATE_TEST_NUMBERS",
                "{{resolve:secretsmanager:" + TEST_NUMBERS + ":SecretString:numbers::" + testNumbersVersion + "}}");
    }

    @Test
    void givesTestNumbersToNoTriggerUnlessAsked() {
        assertThat(Trigger.values()).allSatisfy(trigger ->
                assertThat(environment(json, trigger)).doesNotContainKey("PHONEGATE_TEST_NUMBERS"));
    }

    @Test
    void givesTheTestNumbersFromTheirSecretToTheCreateTriggerOnly() {
        DeploySettings defaults = Synthesized.settings(UserExistenceErrors.LEGACY);
        DeploySettings withTestNumbers = new DeploySettings(defaults.stackName(), defaults.poolName(), defaults.sealKeys(),
                defaults.answerKeys(), Optional.of(SecretReference.of(TEST_NUMBERS)), defaults.userExistenceErrors(),
                defaults.authSessionValidity(), defaults.codeTtl(), defaults.codeLength(), defaults.maxAttempts(),
                defaults.triggerMemoryMb(), defaults.triggersJar(), defaults.smsMonthlySpendLimitUsd(),
                defaults.smsDeliverySuccessSamplePercent());
        TemplateJson template = new TemplateJson(Synthesized.of(withTestNumbers).template);

        Map<String, String> createWithTestNumbers = new HashMap<>(Trigger.CREATE.environment);
        createWithTestNumbers.put("PHONEGATE_TEST_NUMBERS", secret(TEST_NUMBERS, "numbers"));
        assertThat(environment(template, Trigger.CREATE)).containsExactlyInAnyOrderEntriesOf(createWithTestNumbers);
        assertThat(environment(template, Trigger.DEFINE)).containsExactlyInAnyOrderEntriesOf(Trigger.DEFINE.environment);
        assertThat(environment(template, Trigger.VERIFY)).containsExactlyInAnyOrderEntriesOf(Trigger.VERIFY.environment);
    }

    @ParameterizedTest
    @EnumSource(Trigger.class)
    void namesAHandlerClassTheDeployedCodeHas(Trigger trigger) throws Exception {
        String classFile = trigger.handler.substring(0, trigger.handler.indexOf("::")).replace('.', '/') + ".class";
        // The Lambda jar after `package`; cognito-triggers' classes directory when Maven stops at `test`.
        URL code = Synthesized.triggersJar().toUri().toURL();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {code}, null)) {
            assertThat(loader.findResource(classFile)).as("%s in %s", classFile, code).isNotNull();
        }
    }

    private static Map<String, Object> environment(TemplateJson json, Trigger trigger) {
        return map(map(function(json, trigger).get("Environment")).get("Variables"));
    }

    static Map<String, Object> function(TemplateJson json, Trigger trigger) {
        List<Map<String, Object>> matches = json.ofType("AWS::Lambda::Function").values().stream()
                .filter(function -> trigger.handler.equals(function.get("Handler")))
                .toList();
        assertThat(matches).as("functions with handler %s", trigger.handler).hasSize(1);
        return matches.get(0);
    }

    private static String secret(String arn, String field) {
        return "{{resolve:secretsmanager:" + arn + ":SecretString:" + field + "::}}";
    }
}
