package io.phonegate.devstack.cognito;

import io.phonegate.common.answer.AnswerSignatures;
import io.phonegate.common.keys.KeyRing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cognito's public flow ({@code InitiateAuth}, {@code RespondToAuthChallenge}) driven as someone
 * holding the app client's id and secret would drive it, without the gateway: every challenge is
 * real, the code is read from the sealed parameter (with this test's seal key, a stand-in for an
 * attacker who somehow knows it), and still no answer gets in, because none carries the gateway's
 * signature.
 */
class PublicFlowTest {

    private static final String PHONE = "+919876543210";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RunningEmulator cognito = new RunningEmulator();
    private final AnswerSignatures stranger = AnswerSignatures.fromConfig(KeyRing.newKeyConfig("gateway"), "gateway");

    @AfterEach
    void stop() {
        cognito.close();
    }

    @Test
    void withTheClientSecretButWithoutTheGatewayNoneOfAThousandAnswersIsAcceptedNotEvenTheRightCode() {
        cognito.createUser(PHONE);
        // What an attacker could put in ClientMetadata: nothing, junk, a signature of its own key (even with the
        // gateway's key id), or one made with the right key but long ago (seen once, replayed).
        List<Function<String, Map<String, String>>> metadata = List.of(
                answer -> Map.of(),
                answer -> Map.of(AnswerSignatures.CLIENT_METADATA_KEY, "v1.gateway.0.AAAA"),
                answer -> Map.of(AnswerSignatures.CLIENT_METADATA_KEY, stranger.sign(PHONE, answer, cognito.clock.instant())),
                answer -> Map.of(AnswerSignatures.CLIENT_METADATA_KEY, cognito.answerKeys.sign(PHONE, answer,
                        cognito.clock.instant().minus(AnswerSignatures.FRESHNESS).minus(Duration.ofSeconds(1)))));
        int answers = 0;
        int rightCodes = 0;
        int accepted = 0;
        int challenges = 0;

        while (answers < 1000) {
            InitiateAuthResponse started = initiate(PHONE);
            challenges++;
            String code = cognito.code(started.challengeParameters(), PHONE);
            String session = started.session();
            for (int attempt = 0; session != null && answers < 1000; attempt++) {
                String answer = attempt == 0 ? code : otherThan(code);
                rightCodes += answer.equals(code) ? 1 : 0;
                Map<String, String> sent = metadata.get(answers % metadata.size()).apply(answer);
                answers++;
                try {
                    RespondToAuthChallengeResponse response = respond(PHONE, session, answer, sent);
                    accepted += response.authenticationResult() != null ? 1 : 0;
                    session = response.session();
                } catch (NotAuthorizedException outOfAttempts) {
                    session = null;
                }
            }
        }

        System.out.printf("public flow without the gateway: %d answers (%d of them the right code) over %d challenges, "
                + "%d accepted%n", answers, rightCodes, challenges, accepted);
        assertThat(accepted).isZero();
        assertThat(rightCodes).isGreaterThanOrEqualTo(300);
        assertThat(challenges).isGreaterThanOrEqualTo(300);
    }

    @Test
    void theSameFlowWithTheGatewaysSignatureAcceptsTheRightCode() {
        cognito.createUser(PHONE);
        InitiateAuthResponse started = initiate(PHONE);
        String code = cognito.code(started.challengeParameters(), PHONE);

        RespondToAuthChallengeResponse response = respond(PHONE, started.session(), code,
                Map.of(AnswerSignatures.CLIENT_METADATA_KEY, cognito.answerKeys.sign(PHONE, code, cognito.clock.instant())));

        assertThat(response.authenticationResult().idToken()).isNotBlank();
        assertThat(cognito.emulator.callCount("InitiateAuth")).isEqualTo(1);
        assertThat(cognito.emulator.callCount("RespondToAuthChallenge")).isEqualTo(1);
    }

    @Test
    void publicCallsAreRefusedAsCognitoRefusesThem() {
        cognito.createUser(PHONE);

        assertThatThrownBy(() -> cognito.cognito.initiateAuth(r -> r.clientId(cognito.emulator.clientId())
                .authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(Map.of("USERNAME", PHONE))))
                .isInstanceOfSatisfying(NotAuthorizedException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("configured for secret but secret was not received"));
        assertThatThrownBy(() -> initiate("+14155550100")).isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> respond(PHONE, "not-a-session-not-a-session", "123456", Map.of()))
                .isInstanceOf(NotAuthorizedException.class);
        InitiateAuthResponse started = initiate(PHONE);
        assertThat(started.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
        assertThat(started.challengeParameters()).doesNotContainKey("userSub");
    }

    private InitiateAuthResponse initiate(String phone) {
        return cognito.cognito.initiateAuth(r -> r.clientId(cognito.emulator.clientId()).authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", phone, "SECRET_HASH", cognito.secretHash(phone))));
    }

    private RespondToAuthChallengeResponse respond(String phone, String session, String answer, Map<String, String> metadata) {
        return cognito.cognito.respondToAuthChallenge(r -> r.clientId(cognito.emulator.clientId())
                .challengeName(ChallengeNameType.CUSTOM_CHALLENGE).session(session)
                .challengeResponses(Map.of("USERNAME", phone, "ANSWER", answer, "SECRET_HASH", cognito.secretHash(phone)))
                .clientMetadata(metadata));
    }

    private static String otherThan(String code) {
        while (true) {
            String guess = String.format("%06d", RANDOM.nextInt(1_000_000));
            if (!guess.equals(code)) {
                return guess;
            }
        }
    }
}
