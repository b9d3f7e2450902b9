package io.phonegate.triggers.bench;

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
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark times only runs whose answer is right; here its events get exactly those answers in-process. */
class BenchEventsTest {

    private final String sealKeys = CodeSeal.newKeyConfig("b1");
    private final String answerKeys = KeyRing.newKeyConfig("a1");
    private final TriggerSettings settings = TriggerSettings.defaults(
            CodeSeal.fromConfig(sealKeys, null), AnswerSignatures.fromConfig(answerKeys, null));

    @Test
    void eachTriggerGivesTheAnswerTheBenchmarkExpects() {
        String define = TriggerEvents.JSON.writeValueAsString(
                TriggerEvents.run(new DefineAuthChallengeHandler(settings, Clock.systemUTC()), BenchEvents.define()));
        String create = TriggerEvents.JSON.writeValueAsString(
                TriggerEvents.run(new CreateAuthChallengeHandler(settings, Clock.systemUTC()), BenchEvents.create()));
        String verify = TriggerEvents.JSON.writeValueAsString(
                TriggerEvents.run(new VerifyAuthChallengeHandler(settings, Clock.systemUTC()),
                        BenchEvents.verify(sealKeys, answerKeys, Instant.now())));

        assertThat(define).contains(ColdStartProbe.expectedAnswer("define"));
        assertThat(create).contains(ColdStartProbe.expectedAnswer("create"));
        assertThat(verify).contains(ColdStartProbe.expectedAnswer("verify"));
    }
}
