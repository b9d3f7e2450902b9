package io.phonegate.triggers.challenge;

import io.phonegate.common.seal.CodeSeal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TriggerSettingsTest {

    private final Map<String, String> env = new HashMap<>(Map.of(
            TriggerSettings.ENV_SEAL_KEYS, CodeSeal.newKeyConfig("old") + "," + CodeSeal.newKeyConfig("new"),
            TriggerSettings.ENV_SEALING_KEY_ID, "new"));

    @Test
    void environmentWithOnlyKeysGivesTheDefaults() {
        TriggerSettings settings = TriggerSettings.fromEnvironment(env);

        assertThat(settings.codeLength()).isEqualTo(6);
        assertThat(settings.codeTtl()).isEqualTo(Duration.ofMinutes(3));
        assertThat(settings.maxAttempts()).isEqualTo(3);
        assertThat(settings.seal().sealingKeyId()).isEqualTo("new");
    }

    @Test
    void environmentOverridesEverySetting() {
        env.put(TriggerSettings.ENV_CODE_LENGTH, "8");
        env.put(TriggerSettings.ENV_CODE_TTL, "PT5M");
        env.put(TriggerSettings.ENV_MAX_ATTEMPTS, "5");

        TriggerSettings settings = TriggerSettings.fromEnvironment(env);

        assertThat(settings.codeLength()).isEqualTo(8);
        assertThat(settings.codeTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.maxAttempts()).isEqualTo(5);
    }

    @Test
    void answerKeysAreReadWhenSetAndLeftOutWhenNot() {
        assertThat(TriggerSettings.fromEnvironment(env).answers()).isNull();
        env.put(TriggerSettings.ENV_ANSWER_KEYS, CodeSeal.newKeyConfig("a1") + "," + CodeSeal.newKeyConfig("a2"));
        env.put(TriggerSettings.ENV_ANSWER_SIGNING_KEY_ID, "a2");

        TriggerSettings settings = TriggerSettings.fromEnvironment(env);

        assertThat(settings.requireAnswers().sign("+919876543210", "123456", java.time.Instant.EPOCH)).startsWith("v1.a2.");
    }

    @Test
    void testNumbersAreReadInTheGatewaysFormatAndTheirCodesMustHaveTheCodeLength() {
        assertThat(TriggerSettings.fromEnvironment(env).testNumbers().isEmpty()).isTrue();
        env.put("PHONEGATE_TEST_NUMBERS", "+15555550100:123456,+1555555*:000000");

        assertThat(TriggerSettings.fromEnvironment(env).testNumbers().codeFor("+15555550177")).contains("000000");
        env.put(TriggerSettings.ENV_CODE_LENGTH, "8");
        assertThatThrownBy(() -> TriggerSettings.fromEnvironment(env)).hasMessageContaining("PHONEGATE_TEST_NUMBERS")
                .hasMessageContaining("codes have 8");
    }

    @Test
    void missingAnswerKeysAreNamedWhenTheyAreNeeded() {
        assertThatThrownBy(() -> TriggerSettings.fromEnvironment(env).requireAnswers())
                .hasMessageContaining(TriggerSettings.ENV_ANSWER_KEYS);
    }

    @Test
    void missingSealKeysAreNamedInTheError() {
        assertThatThrownBy(() -> TriggerSettings.fromEnvironment(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PHONEGATE_SEAL_KEYS");
    }

    @Test
    void malformedTtlIsNamedInTheError() {
        env.put(TriggerSettings.ENV_CODE_TTL, "3 minutes");

        assertThatThrownBy(() -> TriggerSettings.fromEnvironment(env))
                .hasMessageContaining(TriggerSettings.ENV_CODE_TTL);
    }

    @Test
    void malformedNumberIsNamedInTheError() {
        env.put(TriggerSettings.ENV_MAX_ATTEMPTS, "three");

        assertThatThrownBy(() -> TriggerSettings.fromEnvironment(env))
                .hasMessageContaining(TriggerSettings.ENV_MAX_ATTEMPTS);
    }

    @Test
    void codesWithoutExpiryOrLongerThanACognitoSessionAreRejected() {
        CodeSeal seal = TriggerSettings.fromEnvironment(env).seal();

        assertThatThrownBy(() -> new TriggerSettings(seal, 6, null, 3)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TriggerSettings(seal, 6, Duration.ZERO, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TriggerSettings(seal, 6, Duration.ofMinutes(16), 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void codeLengthAndAttemptsOutsideTheirRangesAreRejected() {
        CodeSeal seal = TriggerSettings.fromEnvironment(env).seal();

        assertThatThrownBy(() -> new TriggerSettings(seal, 3, Duration.ofMinutes(3), 3)).hasMessageContaining("code length");
        assertThatThrownBy(() -> new TriggerSettings(seal, 11, Duration.ofMinutes(3), 3)).hasMessageContaining("code length");
        assertThatThrownBy(() -> new TriggerSettings(seal, 6, Duration.ofMinutes(3), 0)).hasMessageContaining("max attempts");
    }

    @Test
    void defineReadsItsAttemptsWithoutSealKeys() {
        assertThat(TriggerSettings.maxAttemptsFromEnvironment(Map.of())).isEqualTo(3);
        assertThat(TriggerSettings.maxAttemptsFromEnvironment(Map.of(TriggerSettings.ENV_MAX_ATTEMPTS, "4"))).isEqualTo(4);
    }
}
