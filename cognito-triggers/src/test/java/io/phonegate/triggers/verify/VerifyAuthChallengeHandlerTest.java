package io.phonegate.triggers.verify;

import io.phonegate.common.answer.AnswerSignatures;
import io.phonegate.common.keys.KeyRing;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.testsupport.MutableClock;
import io.phonegate.triggers.challenge.CodeChallenge;
import io.phonegate.triggers.challenge.TriggerSettings;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.phonegate.triggers.testing.TriggerEvents.PHONE;
import static io.phonegate.triggers.testing.TriggerEvents.response;
import static io.phonegate.triggers.testing.TriggerEvents.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifyAuthChallengeHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final String CODE = "042917";
    private final MutableClock clock = new MutableClock(NOW);
    private final CodeSeal seal = CodeSeal.fromConfig(CodeSeal.newKeyConfig("k1"), "k1");
    private final AnswerSignatures gateway = AnswerSignatures.fromConfig(KeyRing.newKeyConfig("a1"), "a1");
    private final VerifyAuthChallengeHandler handler =
            new VerifyAuthChallengeHandler(TriggerSettings.defaults(seal, gateway), clock);
    private final Map<String, String> parameters =
            new CodeChallenge("id-1", NOW.plus(Duration.ofMinutes(3)), seal.seal(CODE, PHONE)).toPrivateParameters();

    @Test
    void rightAnswerIsCorrect() {
        assertThat(answerCorrect(signed(parameters, CODE))).isTrue();
    }

    @Test
    void wrongAnswerIsNotCorrect() {
        assertThat(answerCorrect(signed(parameters, "042918"))).isFalse();
    }

    @Test
    void answerWithoutItsLeadingZeroIsNotCorrect() {
        assertThat(answerCorrect(signed(parameters, "42917"))).isFalse();
    }

    @Test
    void rightAnswerAfterExpiryIsNotCorrect() {
        clock.advance(Duration.ofMinutes(3));

        assertThat(answerCorrect(signed(parameters, CODE))).isFalse();
    }

    @Test
    void rightAnswerJustBeforeExpiryIsCorrect() {
        clock.advance(Duration.ofMinutes(3).minusMillis(1));

        assertThat(answerCorrect(signed(parameters, CODE))).isTrue();
    }

    @Test
    void codeWithoutExpiryIsNeverAccepted() {
        Map<String, String> noExpiry = new HashMap<>(parameters);
        noExpiry.remove("expiresAt");

        assertThat(answerCorrect(signed(noExpiry, CODE))).isFalse();
    }

    @Test
    void tamperedSealedCodeIsNotCorrect() {
        Map<String, String> tampered = new HashMap<>(parameters);
        String sealed = tampered.get("sealedCode");
        tampered.put("sealedCode", sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("AA") ? "BB" : "AA"));

        assertThat(answerCorrect(signed(tampered, CODE))).isFalse();
    }

    @Test
    void codeSealedForAnotherPhoneIsNotCorrect() {
        Map<String, String> otherPhone = new CodeChallenge("id-1", NOW.plus(Duration.ofMinutes(3)),
                seal.seal(CODE, "+14155550100")).toPrivateParameters();

        assertThat(answerCorrect(signed(otherPhone, CODE))).isFalse();
    }

    @Test
    void codeSealedWithAnUnknownKeyIsNotCorrect() {
        CodeSeal otherKeys = CodeSeal.fromConfig(CodeSeal.newKeyConfig("k2"), "k2");
        Map<String, String> foreign = new CodeChallenge("id-1", NOW.plus(Duration.ofMinutes(3)),
                otherKeys.seal(CODE, PHONE)).toPrivateParameters();

        assertThat(answerCorrect(signed(foreign, CODE))).isFalse();
    }

    @Test
    void missingAnswerIsNotCorrect() {
        assertThat(answerCorrect(signed(parameters, null))).isFalse();
    }

    @Test
    void missingPrivateParametersAreNotCorrect() {
        assertThat(answerCorrect(signed(Map.of(), CODE))).isFalse();
    }

    @Test
    void userWithoutPhoneNumberIsNotCorrect() {
        ObjectNode event = signed(parameters, CODE);
        ((ObjectNode) event.get("request").get("userAttributes")).remove("phone_number");

        assertThat(answerCorrect(event)).isFalse();
    }

    @Test
    void rightCodeWithoutTheGatewaysSignatureIsNotCorrect() {
        assertThat(answerCorrect(verify(parameters, CODE))).isFalse();
    }

    @Test
    void rightCodeSignedWithAKeyTheTriggerDoesNotHoldIsNotCorrect() {
        AnswerSignatures stranger = AnswerSignatures.fromConfig(KeyRing.newKeyConfig("a1"), "a1");

        assertThat(answerCorrect(verify(parameters, CODE, stranger.sign(PHONE, CODE, NOW)))).isFalse();
    }

    @Test
    void rightCodeWithASignatureOfAnotherAnswerOrUserIsNotCorrect() {
        assertThat(answerCorrect(verify(parameters, CODE, gateway.sign(PHONE, "000000", NOW)))).isFalse();
        assertThat(answerCorrect(verify(parameters, CODE, gateway.sign("+14155550100", CODE, NOW)))).isFalse();
        assertThat(answerCorrect(verify(parameters, CODE, "v1.a1.0.garbage"))).isFalse();
    }

    @Test
    void rightCodeWithAStaleSignatureIsNotCorrectAndAFreshOneIs() {
        String signedLongAgo = gateway.sign(PHONE, CODE, NOW.minus(AnswerSignatures.FRESHNESS).minusSeconds(1));
        String signedWithinTheWindow = gateway.sign(PHONE, CODE, NOW.minus(AnswerSignatures.FRESHNESS).plusSeconds(1));

        assertThat(answerCorrect(verify(parameters, CODE, signedLongAgo))).isFalse();
        assertThat(answerCorrect(verify(parameters, CODE, signedWithinTheWindow))).isTrue();
    }

    @Test
    void withoutAnswerKeysTheVerifyTriggerDoesNotStart() {
        assertThatThrownBy(() -> new VerifyAuthChallengeHandler(TriggerSettings.defaults(seal), clock))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PHONEGATE_ANSWER_KEYS");
    }

    /** As the gateway sends it: the answer signed now for this user. */
    private ObjectNode signed(Map<String, String> privateParameters, String answer) {
        return verify(privateParameters, answer, answer == null ? null : gateway.sign(PHONE, answer, clock.instant()));
    }

    private boolean answerCorrect(ObjectNode event) {
        return response(handler, event).get("answerCorrect").booleanValue();
    }
}
