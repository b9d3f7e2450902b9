package io.phonegate.devstack.cognito;

import io.phonegate.common.answer.AnswerSignatures;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.triggers.challenge.TriggerSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CognitoEmulatorSettingsTest {

    @Test
    void defaultsAreTheFixedLocalPool() {
        CognitoEmulatorSettings settings = CognitoEmulatorSettings.defaults();

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(9229);
        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.userPoolId()).isEqualTo("us-east-1_phonegate");
        assertThat(settings.clientId()).isEqualTo("phonegatelocalclient");
        assertThat(settings.clientSecret()).isEqualTo("phonegate-local-secret");
        assertThat(settings.preventUserExistenceErrors()).isEqualTo(CognitoEmulatorSettings.PreventUserExistenceErrors.LEGACY);
        assertThat(settings.authSessionValidity()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.userPool()).isEqualTo(UserPoolConfig.phonegate());
        assertThat(settings.appClient()).isEqualTo(AppClientConfig.phonegate());
        assertThat(settings.issuer()).isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_phonegate");
    }

    @Test
    void environmentSetsPortKeysAndCodeRules() {
        String keys = CodeSeal.newKeyConfig("env");
        CognitoEmulatorSettings settings = CognitoEmulatorSettings.fromEnvironment(Map.of(
                "PHONEGATE_COGNITO_PORT", "0",
                "PHONEGATE_SEAL_KEYS", keys,
                "PHONEGATE_CODE_TTL", "PT2M",
                "PHONEGATE_MAX_ATTEMPTS", "5",
                "PHONEGATE_COGNITO_AUTH_SESSION_VALIDITY", "PT5M",
                "PHONEGATE_COGNITO_PREVENT_USER_EXISTENCE_ERRORS", "ENABLED"));

        assertThat(settings.port()).isZero();
        assertThat(settings.triggers().seal().sealingKeyId()).isEqualTo("env");
        assertThat(settings.triggers().codeTtl()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.triggers().maxAttempts()).isEqualTo(5);
        assertThat(settings.authSessionValidity()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.preventUserExistenceErrors()).isEqualTo(CognitoEmulatorSettings.PreventUserExistenceErrors.ENABLED);
    }

    @Test
    void answerKeysComeFromTheEnvironmentWithOrWithoutSealKeysAndAreAlwaysThere() {
        String answers = CodeSeal.newKeyConfig("a1") + "," + CodeSeal.newKeyConfig("a2");
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        String signed = AnswerSignatures.fromConfig(answers, "a2").sign("+919876543210", "123456", now);

        CognitoEmulatorSettings onlyAnswers = CognitoEmulatorSettings.fromEnvironment(Map.of(
                "PHONEGATE_ANSWER_KEYS", answers, "PHONEGATE_ANSWER_SIGNING_KEY_ID", "a2"));
        CognitoEmulatorSettings both = CognitoEmulatorSettings.fromEnvironment(Map.of(
                "PHONEGATE_SEAL_KEYS", CodeSeal.newKeyConfig("s"), "PHONEGATE_ANSWER_KEYS", answers));
        CognitoEmulatorSettings neither = CognitoEmulatorSettings.fromEnvironment(Map.of());

        assertThat(onlyAnswers.triggers().answers().check(signed, "+919876543210", "123456", now).valid()).isTrue();
        assertThat(both.triggers().answers().check(signed, "+919876543210", "123456", now).valid()).isTrue();
        assertThat(neither.triggers().answers().check(signed, "+919876543210", "123456", now).valid()).isFalse();
        assertThatThrownBy(() -> neither.withTriggers(neither.triggers().withAnswers(null)))
                .hasMessageContaining("PHONEGATE_ANSWER_KEYS");
    }

    @Test
    void blankEnvironmentValuesKeepTheDefaults() {
        CognitoEmulatorSettings settings = CognitoEmulatorSettings.fromEnvironment(Map.of(
                "PHONEGATE_COGNITO_CLIENT_SECRET", "", "PHONEGATE_COGNITO_PORT", " ", "PHONEGATE_SEAL_KEYS", ""));

        assertThat(settings.clientSecret()).isEqualTo("phonegate-local-secret");
        assertThat(settings.port()).isEqualTo(9229);
    }

    @Test
    void codeMayNotOutliveTheSession() {
        CognitoEmulatorSettings settings = CognitoEmulatorSettings.defaults();
        TriggerSettings longCodes = new TriggerSettings(settings.triggers().seal(), 6,
                settings.authSessionValidity().plusMinutes(1), 3, settings.triggers().answers());

        assertThatThrownBy(() -> settings.withTriggers(longCodes)).hasMessageContaining("outlives the session");
    }

    @Test
    void environmentSetsEveryPoolAndClientSetting() {
        CognitoEmulatorSettings settings = CognitoEmulatorSettings.fromEnvironment(Map.ofEntries(
                Map.entry("PHONEGATE_COGNITO_USERNAME_ATTRIBUTES", "phone_number"),
                Map.entry("PHONEGATE_COGNITO_TRIGGERS", "DefineAuthChallenge, CreateAuthChallenge"),
                Map.entry("PHONEGATE_COGNITO_CUSTOM_ATTRIBUTES", "none"),
                Map.entry("PHONEGATE_COGNITO_REQUIRED_ATTRIBUTES", "email"),
                Map.entry("PHONEGATE_COGNITO_MFA", "OPTIONAL"),
                Map.entry("PHONEGATE_COGNITO_SELF_SIGN_UP", "true"),
                Map.entry("PHONEGATE_COGNITO_CLIENT_SECRET", "none"),
                Map.entry("PHONEGATE_COGNITO_AUTH_FLOWS", "ALLOW_CUSTOM_AUTH"),
                Map.entry("PHONEGATE_COGNITO_READ_ATTRIBUTES", "none"),
                Map.entry("PHONEGATE_COGNITO_WRITE_ATTRIBUTES", "locale,phone_number"),
                Map.entry("PHONEGATE_COGNITO_TOKEN_REVOCATION", "false")));

        assertThat(settings.userPool()).isEqualTo(new UserPoolConfig(Set.of("phone_number"), Set.of(),
                Set.of("DefineAuthChallenge", "CreateAuthChallenge"), Set.of(), Set.of("email"), "OPTIONAL", false, "LITE"));
        assertThat(settings.appClient()).isEqualTo(new AppClientConfig(null, CognitoEmulatorSettings.PreventUserExistenceErrors.LEGACY,
                Duration.ofMinutes(5), Set.of("ALLOW_CUSTOM_AUTH"), Set.of(), Set.of("locale", "phone_number"), false));
    }

    @Test
    void malformedSettingsNameTheVariable() {
        assertThatThrownBy(() -> CognitoEmulatorSettings.fromEnvironment(Map.of("PHONEGATE_COGNITO_SELF_SIGN_UP", "yes")))
                .hasMessageContaining("PHONEGATE_COGNITO_SELF_SIGN_UP");
        assertThatThrownBy(() -> CognitoEmulatorSettings.fromEnvironment(Map.of("PHONEGATE_COGNITO_USERNAME_ATTRIBUTES", "nickname")))
                .hasMessageContaining("UsernameAttributes");
        assertThatThrownBy(() -> CognitoEmulatorSettings.fromEnvironment(Map.of("PHONEGATE_COGNITO_AUTH_FLOWS", "CUSTOM")))
                .hasMessageContaining("ExplicitAuthFlows");
    }

    @Test
    void sessionValidityOutsideCognitosRangeIsRejected() {
        assertThatThrownBy(() -> CognitoEmulatorSettings.defaults().withAuthSessionValidity(Duration.ofMinutes(2)))
                .hasMessageContaining("AuthSessionValidity");
        assertThatThrownBy(() -> CognitoEmulatorSettings.defaults().withAuthSessionValidity(Duration.ofMinutes(16)))
                .hasMessageContaining("AuthSessionValidity");
    }

    @Test
    void startedEmulatorReportsItsFreePortAndAddresses() {
        try (CognitoEmulator emulator = CognitoEmulator.start(CognitoEmulatorSettings.defaults().withFreePort())) {
            assertThat(emulator.port()).isPositive().isNotEqualTo(9229);
            assertThat(emulator.endpoint()).hasToString("http://127.0.0.1:" + emulator.port());
            assertThat(emulator.jwksUri()).hasToString(emulator.endpoint() + "/us-east-1_phonegate/.well-known/jwks.json");
        }
    }
}
