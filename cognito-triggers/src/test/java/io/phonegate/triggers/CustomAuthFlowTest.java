package io.phonegate.triggers;

import io.phonegate.common.answer.AnswerSignatures;
import io.phonegate.common.keys.KeyRing;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.testsupport.MutableClock;
import io.phonegate.triggers.challenge.TriggerSettings;
import io.phonegate.triggers.create.CreateAuthChallengeHandler;
import io.phonegate.triggers.define.DefineAuthChallengeHandler;
import io.phonegate.triggers.testing.TriggerEvents;
import io.phonegate.triggers.verify.VerifyAuthChallengeHandler;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.phonegate.triggers.testing.TriggerEvents.PHONE;
import static io.phonegate.triggers.testing.TriggerEvents.response;
import static org.assertj.core.api.Assertions.assertThat;

/** The three triggers chained the way Cognito chains them, session history included. */
class CustomAuthFlowTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final CodeSeal seal = CodeSeal.fromConfig(CodeSeal.newKeyConfig("k1"), "k1");
    private final AnswerSignatures gateway = AnswerSignatures.fromConfig(KeyRing.newKeyConfig("a1"), "a1");
    private final TriggerSettings settings = TriggerSettings.defaults(seal, gateway);
    private final DefineAuthChallengeHandler define = new DefineAuthChallengeHandler(settings, clock);
    private final CreateAuthChallengeHandler create = new CreateAuthChallengeHandler(settings, clock);
    private final VerifyAuthChallengeHandler verify = new VerifyAuthChallengeHandler(settings, clock);
    private final ObjectNode defineEvent = TriggerEvents.define(false);
    private final ObjectNode createEvent = TriggerEvents.create(false);
    private String metadata;
    private Map<String, String> privateParameters;

    @Test
    void wrongThenRightAnswerIssuesTokens() {
        String code = startRound();

        assertThat(answer(wrong(code)).get("challengeName").stringValue()).isEqualTo("CUSTOM_CHALLENGE");
        String codeOfSecondRound = startRound();
        assertThat(codeOfSecondRound).isEqualTo(code);
        assertThat(answer(code).get("issueTokens").booleanValue()).isTrue();
    }

    @Test
    void threeWrongAnswersFailEvenIfTheFourthWouldBeRight() {
        String code = startRound();
        answer(wrong(code));
        startRound();
        answer(wrong(code));
        startRound();

        assertThat(answer(wrong(code)).get("failAuthentication").booleanValue()).isTrue();
    }

    @Test
    void rightAnswerAfterExpiryFails() {
        String code = startRound();
        clock.advance(Duration.ofMinutes(4));

        JsonNode decision = answer(code);

        assertThat(decision.get("failAuthentication").booleanValue()).isTrue();
        assertThat(decision.get("issueTokens").booleanValue()).isFalse();
    }

    @Test
    void theRightCodeWithoutTheGatewaysSignatureCountsAsAWrongAnswerUntilTheChallengeFails() {
        String code = startRound();
        answerUnsigned(code);
        startRound();
        answerUnsigned(code);
        startRound();

        JsonNode decision = answerUnsigned(code);

        assertThat(decision.get("failAuthentication").booleanValue()).isTrue();
        assertThat(decision.get("issueTokens").booleanValue()).isFalse();
    }

    /** Define then Create, as at the start of a round; returns the code the SMS would carry. */
    private String startRound() {
        assertThat(response(define, defineEvent).get("challengeName").stringValue()).isEqualTo("CUSTOM_CHALLENGE");
        JsonNode created = response(create, createEvent);
        metadata = created.get("challengeMetadata").stringValue();
        privateParameters = new HashMap<>();
        created.get("privateChallengeParameters").properties()
                .forEach(e -> privateParameters.put(e.getKey(), e.getValue().stringValue()));
        return seal.unseal(created.get("publicChallengeParameters").get("sealedCode").stringValue(), PHONE);
    }

    /** Verify an answer the gateway signed, record the round in both sessions as Cognito does, and ask Define what next. */
    private JsonNode answer(String answer) {
        return judge(TriggerEvents.verify(privateParameters, answer, gateway.sign(PHONE, answer, clock.instant())));
    }

    /** The same answer as it would come through Cognito's public API: no signature. */
    private JsonNode answerUnsigned(String answer) {
        return judge(TriggerEvents.verify(privateParameters, answer));
    }

    private JsonNode judge(ObjectNode verifyEvent) {
        boolean correct = response(verify, verifyEvent).get("answerCorrect").booleanValue();
        TriggerEvents.withRound(defineEvent, "CUSTOM_CHALLENGE", correct, metadata);
        TriggerEvents.withRound(createEvent, "CUSTOM_CHALLENGE", correct, metadata);
        return response(define, defineEvent);
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }
}
