package io.phonegate.common.pool;

import io.phonegate.common.pool.AppClientSettings.Secret;
import io.phonegate.common.pool.UserPoolSettings.SchemaAttribute;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PoolRequirementsTest {

    private static final Duration CODE_TTL = Duration.ofMinutes(3);
    private static final Set<String> TRIGGERS = Set.of("DefineAuthChallenge", "CreateAuthChallenge",
            "VerifyAuthChallengeResponse");

    static UserPoolSettings goodPool() {
        Map<String, SchemaAttribute> schema = new HashMap<>();
        schema.put("sub", new SchemaAttribute("String", false, true));
        schema.put("phone_number", new SchemaAttribute("String", true, false));
        schema.put("phone_number_verified", new SchemaAttribute("Boolean", true, false));
        schema.put("custom:pg_completed", new SchemaAttribute("String", true, false));
        return new UserPoolSettings("us-east-1_pool", TRIGGERS, schema, Set.of(), Set.of(), "OFF", true);
    }

    static AppClientSettings goodClient() {
        return new AppClientSettings("client", Secret.CONFIGURED, Set.of("ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"),
                Duration.ofMinutes(5), Set.of("phone_number", "phone_number_verified", "custom:pg_completed"),
                Set.of("locale"), "LEGACY", true);
    }

    @Test
    void thePoolDeployAwsMakesSuitsTheGatewayWithoutWarnings() {
        PoolVerdict verdict = PoolRequirements.ofGateway(goodPool(), goodClient(), CODE_TTL);

        assertThat(verdict.suits()).isTrue();
        assertThat(verdict.warnings()).isEmpty();
        assertThat(verdict.describe()).isEqualTo("Cognito user pool us-east-1_pool, app client client suits Phonegate");
    }

    @Test
    void bothPreventUserExistenceErrorsModesAndPhoneAsUsernameAreSupported() {
        AppClientSettings enabled = new AppClientSettings("client", Secret.CONFIGURED,
                Set.of("ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"), null, Set.of(), Set.of("locale"), "ENABLED", true);
        UserPoolSettings phoneAsUsername = new UserPoolSettings("us-east-1_pool", TRIGGERS, goodPool().schema(),
                Set.of("phone_number"), Set.of(), "OFF", true);

        assertThat(PoolRequirements.ofGateway(phoneAsUsername, enabled, CODE_TTL).mismatches()).isEmpty();
        assertThat(phoneAsUsername.phoneNumberIsUsername()).isTrue();
        assertThat(goodPool().phoneNumberIsUsername()).isFalse();
    }

    @Test
    void aMisconfiguredPoolAndClientGetEveryMismatchNamedInOneMessage() {
        Map<String, SchemaAttribute> schema = new HashMap<>(goodPool().schema());
        schema.remove("custom:pg_completed");
        schema.put("email", new SchemaAttribute("String", true, true));
        UserPoolSettings pool = new UserPoolSettings("us-east-1_pool", Set.of("CreateAuthChallenge"), schema,
                Set.of("email"), Set.of("phone_number"), "ON", false);
        AppClientSettings client = new AppClientSettings("client", Secret.NONE,
                Set.of("ALLOW_USER_SRP_AUTH"), Duration.ofMinutes(3), Set.of("phone_number"), Set.of(), "SOMETHING", false);

        PoolVerdict verdict = PoolRequirements.ofGateway(pool, client, Duration.ofMinutes(5));

        assertThat(verdict.suits()).isFalse();
        assertThat(verdict.mismatches()).hasSize(13);
        assertThat(verdict.describe()).startsWith(
                        "Cognito user pool us-east-1_pool, app client client does not suit Phonegate (13 settings to fix): [1] ")
                .contains("LambdaConfig has no DefineAuthChallenge, VerifyAuthChallengeResponse trigger",
                        "SchemaAttributes has no custom:pg_completed",
                        "SchemaAttributes requires email",
                        "UsernameAttributes is [email]",
                        "AliasAttributes includes phone_number",
                        "MfaConfiguration is ON",
                        "the app client has no ClientSecret",
                        "ExplicitAuthFlows [ALLOW_USER_SRP_AUTH] lacks ALLOW_CUSTOM_AUTH, ALLOW_REFRESH_TOKEN_AUTH",
                        "AuthSessionValidity is 3 min, shorter than a code's lifetime (5 min",
                        "WriteAttributes is not set, so the client may write every standard attribute, phone_number and phone_number_verified included",
                        "ReadAttributes lacks custom:pg_completed, phone_number_verified",
                        "PreventUserExistenceErrors is SOMETHING",
                        "EnableTokenRevocation is false",
                        "warnings: [1] AdminCreateUserConfig.AllowAdminCreateUserOnly is false");
    }

    @Test
    void aClientThatMayWriteTheNumberOrTheMarkerIsRefusedAndItsSecretMustBeTheConfiguredOne() {
        AppClientSettings client = new AppClientSettings("client", Secret.OTHER,
                Set.of("ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH"), Duration.ofMinutes(3),
                Set.of(), Set.of("locale", "custom:pg_completed", "phone_number"), "LEGACY", true);

        PoolVerdict verdict = PoolRequirements.ofGateway(goodPool(), client, CODE_TTL);

        assertThat(verdict.mismatches()).containsExactly(
                "ClientSecret is not the one configured (phonegate.cognito.client-secret): every call's SECRET_HASH"
                        + " would be refused",
                "WriteAttributes lets the client write custom:pg_completed, phone_number: a user's access token could"
                        + " change or verify its own number; list only harmless attributes (e.g. locale)");
        assertThat(verdict.warnings()).containsExactly(
                "ExplicitAuthFlows also allows ALLOW_USER_PASSWORD_AUTH, which the gateway never uses");
    }

    @Test
    void unsetFlowsMeanCognitosDefaultsWhichIncludeWhatTheGatewayNeeds() {
        AppClientSettings client = new AppClientSettings("client", Secret.CONFIGURED, Set.of(), null,
                Set.of(), Set.of("locale"), null, true);

        PoolVerdict verdict = PoolRequirements.ofGateway(goodPool(), client, CODE_TTL);

        assertThat(verdict.mismatches()).isEmpty();
        assertThat(client.authSessionValidity()).isEqualTo(Duration.ofMinutes(3));
        assertThat(client.preventUserExistenceErrors()).isEqualTo("LEGACY");
        assertThat(verdict.warnings()).containsExactly(
                "ExplicitAuthFlows also allows ALLOW_USER_SRP_AUTH, which the gateway never uses");
    }

    @Test
    void aCompletionMarkerOfTheWrongKindIsNamed() {
        Map<String, SchemaAttribute> schema = new HashMap<>(goodPool().schema());
        schema.put("custom:pg_completed", new SchemaAttribute("Number", false, false));
        UserPoolSettings pool = new UserPoolSettings("us-east-1_pool", TRIGGERS, schema, Set.of(), Set.of(), "OPTIONAL", true);

        PoolVerdict verdict = PoolRequirements.ofGateway(pool, goodClient(), CODE_TTL);

        assertThat(verdict.mismatches()).containsExactly(
                "SchemaAttributes defines custom:pg_completed as immutable Number; it must be a mutable String");
        assertThat(verdict.warnings()).singleElement().asString().startsWith("MfaConfiguration is OPTIONAL");
    }

    @Test
    void theReaperChecksOnlyWhatItsRuleReliesOn() {
        Map<String, SchemaAttribute> schema = new HashMap<>(goodPool().schema());
        schema.remove("custom:pg_completed");
        UserPoolSettings pool = new UserPoolSettings("us-east-1_pool", Set.of(), schema, Set.of(), Set.of(), "ON", false);

        PoolVerdict verdict = PoolRequirements.ofReaper(pool);

        assertThat(verdict.mismatches()).singleElement().asString().startsWith("SchemaAttributes has no custom:pg_completed");
        assertThat(verdict.describe()).startsWith("Cognito user pool us-east-1_pool does not suit Phonegate (1 setting to fix)");
        assertThat(PoolRequirements.ofReaper(goodPool()).suits()).isTrue();
    }

    @Test
    void aPoolThatCannotBeFoundIsOneMismatch() {
        PoolVerdict verdict = PoolVerdict.missing("user pool us-east-1_gone", "the user pool does not exist");

        assertThat(verdict.suits()).isFalse();
        assertThat(verdict.describe()).isEqualTo(
                "Cognito user pool us-east-1_gone does not suit Phonegate (1 setting to fix): [1] the user pool does not exist");
    }
}
