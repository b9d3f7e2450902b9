package io.phonegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonegate.deploy.DeploySettings.UserExistenceErrors;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AppClientTemplateTest {

    private static Map<String, Object> client;

    @BeforeAll
    static void synthesize() {
        client = clientOf(Synthesized.withDefaults());
    }

    @Test
    void hasASecretForTheGateway() {
        assertThat(client).containsEntry("GenerateSecret", true);
    }

    @Test
    void allowsExactlyTheCustomFlowAndRefresh() {
        assertThat(TemplateJson.strings(client.get("ExplicitAuthFlows")))
                .containsExactlyInAnyOrder("ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");
        assertThat(client).containsEntry("AllowedOAuthFlowsUserPoolClient", false)
                .doesNotContainKeys("AllowedOAuthFlows", "AllowedOAuthScopes", "CallbackURLs");
    }

    @Test
    void answersUnknownUsersTheLegacyWayByDefault() {
        assertThat(client).containsEntry("PreventUserExistenceErrors", "LEGACY");
    }

    @Test
    void preventsUserExistenceErrorsWhenAsked() {
        assertThat(clientOf(Synthesized.of(Synthesized.settings(UserExistenceErrors.ENABLED))))
                .containsEntry("PreventUserExistenceErrors", "ENABLED");
    }

    @Test
    void keepsTheSessionAtLeastAsLongAsTheCode() {
        assertThat(client).containsEntry("AuthSessionValidity", 5);
        DeploySettings longer = Synthesized.settings(UserExistenceErrors.LEGACY);
        longer = new DeploySettings(longer.stackName(), longer.poolName(), longer.sealKeys(), longer.answerKeys(),
                longer.testNumbers(), longer.userExistenceErrors(), Duration.ofMinutes(7), Duration.ofMinutes(5), longer.codeLength(),
                longer.maxAttempts(), longer.triggerMemoryMb(), longer.triggersJar(), longer.smsMonthlySpendLimitUsd(),
                longer.smsDeliverySuccessSamplePercent());
        assertThat(clientOf(Synthesized.of(longer))).containsEntry("AuthSessionValidity", 7);
    }

    @Test
    void cannotWriteTheNumberItsVerificationOrTheCompletionMark() {
        List<String> writable = TemplateJson.strings(client.get("WriteAttributes"));
        assertThat(writable)
                .as("an empty list would leave every standard attribute writable")
                .isNotEmpty()
                .doesNotContain("phone_number", "phone_number_verified", "custom:pg_completed");
    }

    @Test
    void readsTheNumberItsVerificationAndTheCompletionMark() {
        assertThat(TemplateJson.strings(client.get("ReadAttributes")))
                .as("the gateway tells a completed sign-up by the ID token, which carries only readable attributes")
                .containsExactlyInAnyOrder("phone_number", "phone_number_verified", "custom:pg_completed");
    }

    @Test
    void revokesRefreshTokensOnLogout() {
        assertThat(client).containsEntry("EnableTokenRevocation", true);
    }

    private static Map<String, Object> clientOf(Synthesized synthesized) {
        Map<String, Map<String, Object>> clients = new TemplateJson(synthesized.template).ofType("AWS::Cognito::UserPoolClient");
        assertThat(clients).hasSize(1);
        return clients.values().iterator().next();
    }
}
