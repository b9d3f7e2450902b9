package io.phonegate.triggers.verify;

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

class VerifyAuthChallengeHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final String CODE = "042917";
    private final MutableClock clock = new MutableClock(NOW);
    private final CodeSeal seal = CodeSeal.fromConfig(CodeSeal.newKeyConfig("k1"), "k1");
    private final VerifyAuthChallengeHandler handler = new VerifyAuthChallengeHandler(TriggerSettings.defaults(seal), clock);
    private final Map<String, String> parameters =
            new CodeChallenge("id-1", NOW.plus(Duration.ofMinutes(3)), seal.seal(CODE, PHONE)).toPrivateParameters();

    @Test
    void rightAnswerIsCorrect() {
        assertThat(answerCorrect(verify(parameters, CODE))).isTrue();
    }

    @Test
    void wrongAnswerIsNotCorrect() {
        assertThat(answerCorrect(verify(parameters, "042918"))).isFalse();
    }

    @Test
    void answerWithoutItsLeadingZeroIsNotCorrect() {
        assertThat(answerCorrect(verify(parameters, "42917"))).isFalse();
    }

    @Test
    void rightAnswerAfterExpiryIsNotCorrect() {
        clock.advance(Duration.ofMinutes(3));

        assertThat(answerCorrect(verify(parameters, CODE))).isFalse();
    }

    @Test
    void rightAnswerJustBeforeExpiryIsCorrect() {
        clock.advance(Duration.ofMinutes(3).minusMillis(1));

        assertThat(answerCorrect(verify(parameters, CODE))).isTrue();
    }

    @Test
    void codeWithoutExpiryIsNeverAccepted() {
        Map<String, String> noExpiry = new HashMap<>(parameters);
        noExpiry.remove("expiresAt");

        assertThat(answerCorrect(verify(noExpiry, CODE))).isFalse();
    }

    @Test
    void tamperedSealedCodeIsNotCorrect() {
        Map<String, String> tampered = new HashMap<>(parameters);
        String sealed = tampered.get("sealedCode");
        tampered.put("sealedCode", sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("AA") ? "BB" : "AA"));

        assertThat(answerCorrect(verify(tampered, CODE))).isFalse();
    }

    @Test
    void codeSealedForAnotherPhoneIsNotCorrect() {
        Map<String, String> otherPhone = new CodeChallenge("id-1", NOW.plus(Duration.ofMinutes(3)),
                seal.seal(CODE, "+14155550100")).toPrivateParameters();

        assertThat(answerCorrect(verify(otherPhone, CODE))).isFalse();
    }

    @Test
    void codeSealedWithAnUnknownKeyIsNotCorrect() {
        CodeSeal otherKeys = CodeSeal.fromConfig(CodeSeal.newKeyConfig("k2"), "k2");
        Map<String, String> foreign = new CodeChallenge("id-1", NOW.plus(Duration.ofMinutes(3)),
                otherKeys.seal(CODE, PHONE)).toPrivateParameters();

        assertThat(answerCorrect(verify(foreign, CODE))).isFalse();
    }

    @Test
    void missingAnswerIsNotCorrect() {
        assertThat(answerCorrect(verify(parameters, null))).isFalse();
    }

    @Test
    void missingPrivateParametersAreNotCorrect() {
        assertThat(answerCorrect(verify(Map.of(), CODE))).isFalse();
    }

    @Test
    void userWithoutPhoneNumberIsNotCorrect() {
        ObjectNode event = verify(parameters, CODE);
        ((ObjectNode) event.get("request").get("userAttributes")).remove("phone_number");

        assertThat(answerCorrect(event)).isFalse();
    }

    private boolean answerCorrect(ObjectNode event) {
        return response(handler, event).get("answerCorrect").booleanValue();
    }
}
