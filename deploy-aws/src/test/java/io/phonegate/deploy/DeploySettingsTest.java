package io.phonegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phonegate.deploy.DeploySettings.UserExistenceErrors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeploySettingsTest {

    private static final Path JAR = Path.of("triggers-lambda.jar");

    private static Map<String, Object> required() {
        Map<String, Object> context = new HashMap<>();
        context.put("sealSecretArn", Synthesized.SEAL_SECRET);
        context.put("answerSecretArn", Synthesized.ANSWER_SECRET);
        context.put("smsMonthlySpendLimitUsd", "250");
        return context;
    }

    @Test
    void fillsEverythingElseWithTheDefaults() {
        DeploySettings settings = DeploySettings.fromContext(required()::get, () -> JAR);

        assertThat(settings.userExistenceErrors()).isEqualTo(UserExistenceErrors.LEGACY);
        assertThat(settings.authSessionValidity()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.codeTtl()).isEqualTo(Duration.ofMinutes(3));
        assertThat(settings.triggerMemoryMb()).isEqualTo(512);
        assertThat(settings.triggersJar()).isEqualTo(JAR);
        assertThat(settings.smsMonthlySpendLimitUsd()).isEqualTo(250);
        assertThat(settings.sealKeys().versionId()).isEmpty();
        assertThat(settings.testNumbers()).isEmpty();
    }

    @Test
    void readsTheTestNumbersSecretWhenGiven() {
        Map<String, Object> context = required();
        context.put("testNumbersSecretArn", Synthesized.TEST_NUMBERS_SECRET);
        context.put("testNumbersSecretVersionId", "3a9f8e7d-6c5b-4a39-8281-7f6e5d4c3b2a");

        assertThat(DeploySettings.fromContext(context::get, () -> JAR).testNumbers()).contains(
                new SecretReference(Synthesized.TEST_NUMBERS_SECRET, Optional.of("3a9f8e7d-6c5b-4a39-8281-7f6e5d4c3b2a")));
    }

    @Test
    void refusesATestNumbersVersionWithoutItsSecretOrAListInPlaceOfTheArn() {
        Map<String, Object> versionOnly = required();
        versionOnly.put("testNumbersSecretVersionId", "3a9f8e7d-6c5b-4a39-8281-7f6e5d4c3b2a");
        Map<String, Object> listInstead = required();
        listInstead.put("testNumbersSecretArn", "+15555550100:123456");

        assertThatThrownBy(() -> DeploySettings.fromContext(versionOnly::get, () -> JAR))
                .hasMessageContaining("testNumbersSecretVersionId is given without testNumbersSecretArn");
        assertThatThrownBy(() -> DeploySettings.fromContext(listInstead::get, () -> JAR))
                .hasMessageContaining("testNumbersSecretArn/testNumbersSecretVersionId: not a Secrets Manager secret ARN")
                .hasMessageNotContaining("123456");
    }

    @Test
    void readsEveryOptionalValue() {
        Map<String, Object> context = required();
        context.put("userExistenceErrors", "ENABLED");
        context.put("authSessionValidityMinutes", "10");
        context.put("codeTtl", "PT5M");
        context.put("triggerMemoryMb", 1024);
        context.put("sealSecretVersionId", "0f5c2f3e-1d7a-4a57-9a6e-3c1b6f0e9d21");
        context.put("triggersJar", "/tmp/other.jar");

        DeploySettings settings = DeploySettings.fromContext(context::get, () -> {
            throw new AssertionError("the default jar is not looked for when one is given");
        });

        assertThat(settings.userExistenceErrors()).isEqualTo(UserExistenceErrors.ENABLED);
        assertThat(settings.authSessionValidity()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.codeTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.triggerMemoryMb()).isEqualTo(1024);
        assertThat(settings.sealKeys().versionId()).contains("0f5c2f3e-1d7a-4a57-9a6e-3c1b6f0e9d21");
        assertThat(settings.triggersJar()).isEqualTo(Path.of("/tmp/other.jar"));
    }

    @Test
    void namesEveryMissingOrMalformedValueAtOnce() {
        Map<String, Object> context = Map.of("userExistenceErrors", "SOMETIMES", "codeTtl", "3 minutes");

        assertThatThrownBy(() -> DeploySettings.fromContext(context::get, () -> JAR))
                .hasMessageContaining("sealSecretArn is required")
                .hasMessageContaining("answerSecretArn is required")
                .hasMessageContaining("smsMonthlySpendLimitUsd is required")
                .hasMessageContaining("userExistenceErrors must be LEGACY or ENABLED")
                .hasMessageContaining("codeTtl is not an ISO-8601 duration");
    }

    @Test
    void refusesACodeThatOutlivesItsCognitoSession() {
        Map<String, Object> context = required();
        context.put("codeTtl", "PT6M");

        assertThatThrownBy(() -> DeploySettings.fromContext(context::get, () -> JAR))
                .hasMessageContaining("codeTtl PT6M outlives the Cognito session");
    }

    @Test
    void refusesASessionOutsideCognitosRange() {
        Map<String, Object> context = required();
        context.put("authSessionValidityMinutes", "16");

        assertThatThrownBy(() -> DeploySettings.fromContext(context::get, () -> JAR))
                .hasMessageContaining("3 to 15");
    }

    @Test
    void refusesSomethingThatIsNotASecretArn() {
        Map<String, Object> context = required();
        context.put("sealSecretArn", "phonegate/seal");

        assertThatThrownBy(() -> DeploySettings.fromContext(context::get, () -> JAR))
                .hasMessageContaining("not a Secrets Manager secret ARN");
    }
}
