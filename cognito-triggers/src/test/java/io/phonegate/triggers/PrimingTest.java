package io.phonegate.triggers;

import io.phonegate.common.answer.AnswerSignatures;
import io.phonegate.common.keys.KeyRing;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.triggers.challenge.TriggerSettings;
import io.phonegate.triggers.create.CreateAuthChallengeHandler;
import io.phonegate.triggers.define.DefineAuthChallengeHandler;
import io.phonegate.triggers.testing.TriggerEvents;
import io.phonegate.triggers.verify.VerifyAuthChallengeHandler;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lambda constructors prime each trigger with a made-up request (README, "Cold start"). Priming must run
 * the same path as a real first request, all of it (else the first real request still pays), and leave
 * nothing behind that a later request would see.
 */
class PrimingTest {

    private final TriggerSettings settings = TriggerSettings.defaults(
            CodeSeal.fromConfig(CodeSeal.newKeyConfig("k1"), "k1"),
            AnswerSignatures.fromConfig(KeyRing.newKeyConfig("a1"), "a1"));

    @Test
    void defineDecidesAnotherRoundForTheMadeUpWrongAnswer() {
        Map<String, Object> response = new DefineAuthChallengeHandler(settings, Clock.systemUTC()).prime();

        assertThat(response).containsEntry("challengeName", "CUSTOM_CHALLENGE")
                .containsEntry("issueTokens", false).containsEntry("failAuthentication", false);
    }

    @Test
    void createSealsACodeForTheMadeUpPhone() {
        Map<String, Object> response = new CreateAuthChallengeHandler(settings, Clock.systemUTC()).prime();

        assertThat(response).containsKeys("publicChallengeParameters", "privateChallengeParameters", "challengeMetadata");
        @SuppressWarnings("unchecked")
        Map<String, Object> publicParameters = (Map<String, Object>) response.get("publicChallengeParameters");
        assertThat(publicParameters).containsEntry("retry", "false").containsEntry("purpose", "LOGIN");
    }

    @Test
    void verifyRunsTheWholeCheckAndAcceptsTheMadeUpAnswer() {
        // true only if the signature check, the unsealing and the comparison all ran
        Map<String, Object> response = new VerifyAuthChallengeHandler(settings, Clock.systemUTC()).prime();

        assertThat(response).containsEntry("answerCorrect", true);
    }

    @Test
    void aPrimedTriggerAnswersRealRequestsAsAnUnprimedOne() {
        DefineAuthChallengeHandler define = new DefineAuthChallengeHandler(settings, Clock.systemUTC());
        CreateAuthChallengeHandler create = new CreateAuthChallengeHandler(settings, Clock.systemUTC());
        define.prime();
        create.prime();

        assertThat(TriggerEvents.response(define, TriggerEvents.define(true)).get("challengeName").stringValue())
                .isEqualTo("CUSTOM_CHALLENGE");
        assertThat(TriggerEvents.response(create, TriggerEvents.create(false))
                .get("publicChallengeParameters").get("retry").stringValue()).isEqualTo("false");
    }
}
