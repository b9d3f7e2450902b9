package io.phonegate.triggers.define;

import io.phonegate.triggers.challenge.ChallengeHistory;
import io.phonegate.triggers.challenge.CodeChallenge;
import io.phonegate.triggers.challenge.TriggerEvent;
import io.phonegate.triggers.challenge.TriggerHandler;
import io.phonegate.triggers.challenge.TriggerSettings;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DefineAuthChallenge: decides the next step of the custom flow from {@code request.session}.
 * <ul>
 *   <li>unknown user ({@code userNotFound}) → fail;</li>
 *   <li>no rounds yet → {@code CUSTOM_CHALLENGE};</li>
 *   <li>last answer correct → issue tokens;</li>
 *   <li>last answer wrong, code not expired, attempts left → {@code CUSTOM_CHALLENGE} again (same code);</li>
 *   <li>otherwise (out of attempts, expired, or a round this flow did not create) → fail.</li>
 * </ul>
 * Lambda handler: {@code io.phonegate.triggers.define.DefineAuthChallengeHandler::handleRequest}.
 */
public final class DefineAuthChallengeHandler extends TriggerHandler {

    private final int maxAttempts;
    private final Clock clock;

    /** For Lambda: reads {@code PHONEGATE_MAX_ATTEMPTS} from the environment (needs no seal keys), then {@link #prime primes}. */
    public DefineAuthChallengeHandler() {
        this.maxAttempts = TriggerSettings.maxAttemptsFromEnvironment(System.getenv());
        this.clock = Clock.systemUTC();
        prime();
    }

    public DefineAuthChallengeHandler(TriggerSettings settings, Clock clock) {
        this.maxAttempts = settings.maxAttempts();
        this.clock = clock;
    }

    @Override
    protected void respond(TriggerEvent event) {
        Decision decision = decide(event);
        event.response().put("challengeName", decision == Decision.CHALLENGE ? TriggerEvent.CUSTOM_CHALLENGE : null);
        event.response().put("issueTokens", decision == Decision.ISSUE_TOKENS);
        event.response().put("failAuthentication", decision == Decision.FAIL);
    }

    /** A second round after a wrong answer: reads the session and the code's metadata, as most rounds do. */
    @Override
    public Map<String, Object> prime() {
        CodeChallenge code = new CodeChallenge("priming", clock.instant().plus(Duration.ofMinutes(1)), "priming");
        return prime("DefineAuthChallenge_Authentication", Map.of(
                "userAttributes", Map.of("phone_number", PRIMING_PHONE),
                "session", List.of(Map.of(
                        "challengeName", TriggerEvent.CUSTOM_CHALLENGE,
                        "challengeResult", false,
                        "challengeMetadata", code.toMetadata())),
                "userNotFound", false));
    }

    private Decision decide(TriggerEvent event) {
        if (event.userNotFound()) {
            return Decision.FAIL;
        }
        List<TriggerEvent.SessionEntry> session = event.session();
        if (session.isEmpty()) {
            return Decision.CHALLENGE;
        }
        TriggerEvent.SessionEntry last = session.get(session.size() - 1);
        if (!TriggerEvent.CUSTOM_CHALLENGE.equals(last.challengeName())) {
            return Decision.FAIL;
        }
        if (last.challengeResult()) {
            return Decision.ISSUE_TOKENS;
        }
        ChallengeHistory history = ChallengeHistory.of(session);
        Optional<CodeChallenge> current = history.current();
        if (current.isEmpty() || current.get().expiredAt(clock.instant())) {
            return Decision.FAIL;
        }
        return history.attemptsLeft(maxAttempts) > 0 ? Decision.CHALLENGE : Decision.FAIL;
    }

    private enum Decision { CHALLENGE, ISSUE_TOKENS, FAIL }
}
