package io.phonegate.triggers.create;

import io.phonegate.common.challenge.ChallengeParameters;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.common.testnumber.TestNumbers;
import io.phonegate.testsupport.MutableClock;
import io.phonegate.triggers.challenge.CodeChallenge;
import io.phonegate.triggers.challenge.TriggerSettings;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.phonegate.triggers.testing.TriggerEvents.PHONE;
import static io.phonegate.triggers.testing.TriggerEvents.SUB;
import static io.phonegate.triggers.testing.TriggerEvents.create;
import static io.phonegate.triggers.testing.TriggerEvents.response;
import static io.phonegate.triggers.testing.TriggerEvents.withRound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreateAuthChallengeHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);
    private final CodeSeal seal = CodeSeal.fromConfig(CodeSeal.newKeyConfig("k1"), "k1");
    private final CreateAuthChallengeHandler handler = new CreateAuthChallengeHandler(TriggerSettings.defaults(seal), clock);

    @Test
    void firstRoundPublishesTheSealedCodeAndItsFacts() {
        JsonNode parameters = response(handler, create(true)).get("publicChallengeParameters");

        assertThat(seal.unseal(parameters.get(ChallengeParameters.SEALED_CODE).stringValue(), PHONE))
                .hasSize(6).containsOnlyDigits();
        assertThat(parameters.get(ChallengeParameters.CHALLENGE_ID).stringValue()).hasSizeGreaterThanOrEqualTo(16);
        assertThat(parameters.get(ChallengeParameters.EXPIRES_AT).stringValue()).isEqualTo("2026-11-24T10:03:00Z");
        assertThat(parameters.get(ChallengeParameters.PURPOSE).stringValue()).isEqualTo("LOGIN");
        assertThat(parameters.get(ChallengeParameters.CODE_LENGTH).stringValue()).isEqualTo("6");
        assertThat(parameters.get(ChallengeParameters.ATTEMPTS_LEFT).stringValue()).isEqualTo("3");
        assertThat(parameters.get(ChallengeParameters.RETRY).stringValue()).isEqualTo("false");
    }

    @Test
    void publicParametersHoldOnlyWhatTheGatewayNeedsAndNothingThatNamesTheUser() {
        JsonNode parameters = response(handler, create(false)).get("publicChallengeParameters");

        assertThat(parameters.propertyNames()).containsExactlyInAnyOrder(ChallengeParameters.SEALED_CODE,
                ChallengeParameters.CHALLENGE_ID, ChallengeParameters.EXPIRES_AT, ChallengeParameters.PURPOSE,
                ChallengeParameters.CODE_LENGTH, ChallengeParameters.ATTEMPTS_LEFT, ChallengeParameters.RETRY);
        assertThat(parameters.toString()).doesNotContain(SUB).doesNotContain(PHONE);
    }

    @Test
    void unverifiedPhoneMeansSignupPurpose() {
        JsonNode parameters = response(handler, create(false)).get("publicChallengeParameters");

        assertThat(parameters.get(ChallengeParameters.PURPOSE).stringValue()).isEqualTo("SIGNUP");
    }

    @Test
    void missingVerifiedAttributeMeansSignupPurpose() {
        ObjectNode event = create(true);
        ((ObjectNode) event.get("request").get("userAttributes")).remove("phone_number_verified");

        assertThat(response(handler, event).get("publicChallengeParameters").get(ChallengeParameters.PURPOSE).stringValue())
                .isEqualTo("SIGNUP");
    }

    @Test
    void userWhoOnceCompletedSignupLogsInEvenWhenItsPhoneIsNoLongerVerified() {
        ObjectNode event = create(false);
        ((ObjectNode) event.get("request").get("userAttributes")).put("custom:pg_completed", "2026-11-20T08:00:00Z");

        assertThat(response(handler, event).get("publicChallengeParameters").get(ChallengeParameters.PURPOSE).stringValue())
                .as("an admin changed phone_number, which reset phone_number_verified; the user is no new sign-up")
                .isEqualTo("LOGIN");
    }

    @Test
    void everyCodeHasAnExpiryFromTheConfiguredTtl() {
        CreateAuthChallengeHandler fiveMinutes = new CreateAuthChallengeHandler(
                new TriggerSettings(seal, 8, Duration.ofMinutes(5), 3), clock);

        JsonNode response = response(fiveMinutes, create(true));

        assertThat(response.get("publicChallengeParameters").get(ChallengeParameters.EXPIRES_AT).stringValue())
                .isEqualTo("2026-11-24T10:05:00Z");
        assertThat(response.get("privateChallengeParameters").get(ChallengeParameters.EXPIRES_AT).stringValue())
                .isEqualTo("2026-11-24T10:05:00Z");
        assertThat(seal.unseal(response.get("publicChallengeParameters").get(ChallengeParameters.SEALED_CODE).stringValue(), PHONE))
                .hasSize(8);
    }

    @Test
    void privateParametersAndMetadataHoldOnlyTheSealedCode() {
        JsonNode response = response(handler, create(true));
        String sealed = response.get("publicChallengeParameters").get(ChallengeParameters.SEALED_CODE).stringValue();
        String code = seal.unseal(sealed, PHONE);

        assertThat(response.get("privateChallengeParameters").get(ChallengeParameters.SEALED_CODE).stringValue()).isEqualTo(sealed);
        assertThat(CodeChallenge.fromMetadata(response.get("challengeMetadata").stringValue()))
                .hasValueSatisfying(c -> assertThat(c.sealedCode()).isEqualTo(sealed));
        assertThat(allTokens(response)).doesNotContain(code);
    }

    @Test
    void sealedCodeOpensOnlyForTheUsersPhone() {
        String sealed = response(handler, create(true)).get("publicChallengeParameters")
                .get(ChallengeParameters.SEALED_CODE).stringValue();

        assertThatThrownBy(() -> seal.unseal(sealed, "+14155550100")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void laterRoundReusesTheCodeAndExpiryAndSaysRetry() {
        JsonNode first = response(handler, create(false));
        String metadata = first.get("challengeMetadata").stringValue();
        clock.advance(Duration.ofSeconds(40));

        JsonNode second = response(handler, withRound(create(false), "CUSTOM_CHALLENGE", false, metadata));

        JsonNode firstPublic = first.get("publicChallengeParameters");
        JsonNode secondPublic = second.get("publicChallengeParameters");
        for (String name : List.of(ChallengeParameters.SEALED_CODE, ChallengeParameters.CHALLENGE_ID, ChallengeParameters.EXPIRES_AT)) {
            assertThat(secondPublic.get(name)).as(name).isEqualTo(firstPublic.get(name));
        }
        assertThat(secondPublic.get(ChallengeParameters.RETRY).stringValue()).isEqualTo("true");
        assertThat(secondPublic.get(ChallengeParameters.ATTEMPTS_LEFT).stringValue()).isEqualTo("2");
        assertThat(second.get("privateChallengeParameters")).isEqualTo(first.get("privateChallengeParameters"));
        assertThat(second.get("challengeMetadata")).isEqualTo(first.get("challengeMetadata"));
    }

    @Test
    void attemptsLeftCountsEveryWrongAnswerOfTheCode() {
        String metadata = response(handler, create(true)).get("challengeMetadata").stringValue();
        ObjectNode event = create(true);
        withRound(event, "CUSTOM_CHALLENGE", false, metadata);
        withRound(event, "CUSTOM_CHALLENGE", false, metadata);

        assertThat(response(handler, event).get("publicChallengeParameters").get(ChallengeParameters.ATTEMPTS_LEFT).stringValue())
                .isEqualTo("1");
    }

    @Test
    void separateSessionsGetDifferentCodes() {
        JsonNode first = response(handler, create(true)).get("publicChallengeParameters");
        JsonNode second = response(handler, create(true)).get("publicChallengeParameters");

        assertThat(second.get(ChallengeParameters.CHALLENGE_ID)).isNotEqualTo(first.get(ChallengeParameters.CHALLENGE_ID));
        assertThat(second.get(ChallengeParameters.SEALED_CODE)).isNotEqualTo(first.get(ChallengeParameters.SEALED_CODE));
    }

    @Test
    void roundWithForeignMetadataStartsAFreshCode() {
        JsonNode parameters = response(handler, withRound(create(true), "CUSTOM_CHALLENGE", false, "not-ours"))
                .get("publicChallengeParameters");

        assertThat(parameters.get(ChallengeParameters.RETRY).stringValue()).isEqualTo("false");
        assertThat(parameters.get(ChallengeParameters.ATTEMPTS_LEFT).stringValue()).isEqualTo("3");
    }

    @Test
    void aTestNumberGetsItsFixedCodeSealedAsAnyCodeAndMarkedSoTheGatewayNeverTextsIt() {
        CreateAuthChallengeHandler withTestNumbers = new CreateAuthChallengeHandler(TriggerSettings.defaults(seal)
                .withTestNumbers(TestNumbers.parse(PHONE + ":424242,+1555555*:000000")), clock);

        JsonNode first = response(withTestNumbers, create(false));
        JsonNode parameters = first.get("publicChallengeParameters");
        JsonNode retry = response(withTestNumbers, withRound(create(false), "CUSTOM_CHALLENGE", false,
                first.get("challengeMetadata").stringValue())).get("publicChallengeParameters");

        assertThat(seal.unseal(parameters.get(ChallengeParameters.SEALED_CODE).stringValue(), PHONE)).isEqualTo("424242");
        assertThat(parameters.get(ChallengeParameters.TEST_NUMBER).stringValue()).isEqualTo("true");
        assertThat(retry.get(ChallengeParameters.TEST_NUMBER).stringValue()).isEqualTo("true");
        assertThat(allTokens(first)).doesNotContain("424242");
        assertThat(response(handler, create(false)).get("publicChallengeParameters").has(ChallengeParameters.TEST_NUMBER))
                .as("any other number's challenge has no such parameter").isFalse();
    }

    @Test
    void userWithoutPhoneNumberIsAnError() {
        ObjectNode event = create(true);
        ((ObjectNode) event.get("request").get("userAttributes")).remove("phone_number");

        assertThatThrownBy(() -> response(handler, event))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("phone_number");
    }

    @Test
    void createWithoutSealKeysCannotBeBuilt() {
        assertThatThrownBy(() -> new CreateAuthChallengeHandler(
                new TriggerSettings(null, 6, Duration.ofMinutes(3), 3), clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PHONEGATE_SEAL_KEYS");
    }

    /** Every string in the response, with the metadata split at its separators. */
    private static List<String> allTokens(JsonNode node) {
        List<String> tokens = new ArrayList<>();
        if (node.isString()) {
            tokens.addAll(List.of(node.stringValue().split("[|.]")));
            tokens.add(node.stringValue());
        }
        node.values().forEach(child -> tokens.addAll(allTokens(child)));
        return tokens;
    }
}
