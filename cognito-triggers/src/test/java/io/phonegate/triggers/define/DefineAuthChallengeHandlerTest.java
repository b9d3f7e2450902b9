package io.phonegate.triggers.define;

import io.phonegate.common.seal.CodeSeal;
import io.phonegate.testsupport.MutableClock;
import io.phonegate.triggers.challenge.CodeChallenge;
import io.phonegate.triggers.challenge.TriggerSettings;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;

import static io.phonegate.triggers.testing.TriggerEvents.define;
import static io.phonegate.triggers.testing.TriggerEvents.response;
import static io.phonegate.triggers.testing.TriggerEvents.withRound;
import static org.assertj.core.api.Assertions.assertThat;

class DefineAuthChallengeHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);
    private final TriggerSettings settings = TriggerSettings.defaults(CodeSeal.fromConfig(CodeSeal.newKeyConfig("k1"), "k1"));
    private final DefineAuthChallengeHandler handler = new DefineAuthChallengeHandler(settings, clock);
    private final String code = new CodeChallenge("id-1", NOW.plus(Duration.ofMinutes(3)), "v1.k1.sealed").toMetadata();

    @Test
    void firstRoundAsksForCustomChallenge() {
        assertChallenge(response(handler, define(true)));
    }

    @Test
    void correctAnswerIssuesTokens() {
        JsonNode response = response(handler, withRound(define(true), "CUSTOM_CHALLENGE", true, code));

        assertThat(response.get("issueTokens").booleanValue()).isTrue();
        assertThat(response.get("failAuthentication").booleanValue()).isFalse();
    }

    @Test
    void oneWrongAnswerDoesNotLockTheUserOut() {
        assertChallenge(response(handler, withRound(define(true), "CUSTOM_CHALLENGE", false, code)));
    }

    @Test
    void twoWrongAnswersStillLeaveTheThirdAttempt() {
        ObjectNode event = define(true);
        withRound(event, "CUSTOM_CHALLENGE", false, code);
        withRound(event, "CUSTOM_CHALLENGE", false, code);

        assertChallenge(response(handler, event));
    }

    @Test
    void thirdWrongAnswerFails() {
        ObjectNode event = define(true);
        for (int i = 0; i < 3; i++) {
            withRound(event, "CUSTOM_CHALLENGE", false, code);
        }

        assertFailed(response(handler, event));
    }

    @Test
    void correctAnswerAfterTwoWrongOnesIssuesTokens() {
        ObjectNode event = define(true);
        withRound(event, "CUSTOM_CHALLENGE", false, code);
        withRound(event, "CUSTOM_CHALLENGE", false, code);
        withRound(event, "CUSTOM_CHALLENGE", true, code);

        assertThat(response(handler, event).get("issueTokens").booleanValue()).isTrue();
    }

    @Test
    void maxAttemptsIsConfigurable() {
        DefineAuthChallengeHandler fiveAttempts = new DefineAuthChallengeHandler(
                new TriggerSettings(settings.seal(), 6, Duration.ofMinutes(3), 5), clock);
        ObjectNode event = define(true);
        for (int i = 0; i < 4; i++) {
            withRound(event, "CUSTOM_CHALLENGE", false, code);
        }

        assertChallenge(response(fiveAttempts, event));
        assertFailed(response(fiveAttempts, withRound(event, "CUSTOM_CHALLENGE", false, code)));
    }

    @Test
    void wrongAnswerAfterTheCodeExpiredFails() {
        clock.advance(Duration.ofMinutes(3));

        assertFailed(response(handler, withRound(define(true), "CUSTOM_CHALLENGE", false, code)));
    }

    @Test
    void wrongAnswerJustBeforeExpiryMayTryAgain() {
        clock.advance(Duration.ofMinutes(3).minusSeconds(1));

        assertChallenge(response(handler, withRound(define(true), "CUSTOM_CHALLENGE", false, code)));
    }

    @Test
    void unknownUserFails() {
        ObjectNode event = define(false);
        ((ObjectNode) event.get("request")).put("userNotFound", true);

        assertFailed(response(handler, event));
    }

    @Test
    void roundThisFlowDidNotCreateFails() {
        assertFailed(response(handler, withRound(define(true), "SRP_A", true, "")));
    }

    @Test
    void wrongAnswerWithoutCodeMetadataFails() {
        assertFailed(response(handler, withRound(define(true), "CUSTOM_CHALLENGE", false, "something-else")));
    }

    private static void assertChallenge(JsonNode response) {
        assertThat(response.get("challengeName").stringValue()).isEqualTo("CUSTOM_CHALLENGE");
        assertThat(response.get("issueTokens").booleanValue()).isFalse();
        assertThat(response.get("failAuthentication").booleanValue()).isFalse();
    }

    private static void assertFailed(JsonNode response) {
        assertThat(response.get("failAuthentication").booleanValue()).isTrue();
        assertThat(response.get("issueTokens").booleanValue()).isFalse();
        assertThat(response.get("challengeName").isNull()).isTrue();
    }
}
