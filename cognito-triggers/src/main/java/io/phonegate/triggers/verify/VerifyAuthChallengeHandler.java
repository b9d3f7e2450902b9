package io.phonegate.triggers.verify;

import io.phonegate.common.answer.AnswerSignatures;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.common.seal.SealException;
import io.phonegate.triggers.challenge.CodeChallenge;
import io.phonegate.triggers.challenge.TriggerEvent;
import io.phonegate.triggers.challenge.TriggerHandler;
import io.phonegate.triggers.challenge.TriggerSettings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * VerifyAuthChallengeResponse: {@code answerCorrect} only when the answer carries the gateway's fresh
 * signature ({@link AnswerSignatures}, in {@code clientMetadata}), the code is not expired, the sealed
 * code opens for the user's phone, and the answer equals it (constant-time compare). An answer
 * without a valid signature is wrong even when it is the right code: it did not come through the
 * gateway, whose limits every answer must pass (someone with the app client's secret answering
 * through Cognito's public API). Anything missing, malformed or tampered with is a wrong answer,
 * counted as one, never an error.
 * Lambda handler: {@code io.phonegate.triggers.verify.VerifyAuthChallengeHandler::handleRequest}.
 */
public final class VerifyAuthChallengeHandler extends TriggerHandler {

    private final CodeSeal seal;
    private final AnswerSignatures answers;
    private final Clock clock;

    /**
     * For Lambda: reads the seal and answer keys ({@code PHONEGATE_SEAL_KEYS}, {@code PHONEGATE_ANSWER_KEYS}, ...) from
     * the environment, then {@link #prime primes}.
     */
    public VerifyAuthChallengeHandler() {
        this(TriggerSettings.fromEnvironment(System.getenv()), Clock.systemUTC());
        prime();
    }

    public VerifyAuthChallengeHandler(TriggerSettings settings, Clock clock) {
        this.seal = settings.requireSeal();
        this.answers = settings.requireAnswers();
        this.clock = clock;
    }

    @Override
    protected void respond(TriggerEvent event) {
        event.response().put("answerCorrect", correct(event));
    }

    /**
     * A right answer to a made-up challenge, signed as the gateway signs: runs the whole check (signature,
     * unseal, compare). The signature names a user that cannot exist and is never sent anywhere.
     */
    @Override
    public Map<String, Object> prime() {
        String code = "000000";
        Instant now = clock.instant();
        CodeChallenge challenge = new CodeChallenge("priming", now.plus(Duration.ofMinutes(1)), seal.seal(code, PRIMING_PHONE));
        return prime("VerifyAuthChallengeResponse_Authentication", Map.of(
                "userAttributes", Map.of("phone_number", PRIMING_PHONE),
                "privateChallengeParameters", challenge.toPrivateParameters(),
                "challengeAnswer", code,
                "clientMetadata", Map.of(AnswerSignatures.CLIENT_METADATA_KEY, answers.sign(PRIMING_USER, code, now)),
                "userNotFound", false));
    }

    private boolean correct(TriggerEvent event) {
        Optional<CodeChallenge> challenge = CodeChallenge.fromPrivateParameters(event.privateChallengeParameters());
        Optional<String> phone = event.userAttribute("phone_number");
        Optional<String> answer = event.challengeAnswer();
        if (challenge.isEmpty() || phone.isEmpty() || answer.isEmpty() || challenge.get().expiredAt(clock.instant())) {
            return false;
        }
        String signature = event.clientMetadata(AnswerSignatures.CLIENT_METADATA_KEY).orElse(null);
        if (!answers.check(signature, event.userName(), answer.get(), clock.instant()).valid()) {
            return false;
        }
        String expected;
        try {
            expected = seal.unseal(challenge.get().sealedCode(), phone.get());
        } catch (SealException e) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8),
                answer.get().getBytes(StandardCharsets.UTF_8));
    }
}
