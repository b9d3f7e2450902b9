package io.phonegate.gateway.botcheck;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.phonegate.gateway.problem.ApiProblem;
import io.phonegate.gateway.problem.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The bot check a start passes before its code is texted: called during admission, after the limits
 * admitted the start (so a start the limits refuse spends no token) and before any Cognito call. Asked
 * for every start, or only for numbers that never logged in (no verified marker in the store: the
 * admission reads it), in every country or in those configured. A missing or failing token is
 * {@code 422 bot-check-failed}; while the provider cannot answer, the configured policy decides (by
 * default new numbers get {@code 503}, known ones go on), and every outcome is counted.
 */
public final class BotCheck {

    /** Printable ASCII without spaces: every provider's tokens look so; Turnstile's are at most 2048 characters. */
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,4096}");
    private static final Logger log = LoggerFactory.getLogger(BotCheck.class);

    enum Outcome {
        PASSED, MISSING, FAILED, UNAVAILABLE_REFUSED, UNAVAILABLE_ALLOWED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final BotCheckSettings settings;
    private final BotVerifier verifier;
    private final Timer calls;
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);

    BotCheck(BotCheckSettings settings, BotVerifier verifier, MeterRegistry meters) {
        this.settings = settings;
        this.verifier = verifier;
        this.calls = Timer.builder("phonegate.bot.check").description("Calls to the bot-check provider's siteverify")
                .publishPercentileHistogram().register(meters);
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, Counter.builder("phonegate.bot.checks").tag("outcome", outcome.tag())
                    .description("Bot checks of starts, by outcome").register(meters));
        }
    }

    /**
     * Passes, or throws what the client is told.
     *
     * @param token       the widget's token from the start request, or {@code null}
     * @param knownNumber the number logged in before (the admission found its verified marker)
     * @param region      the number's region
     * @throws ApiProblem {@code 422 bot-check-failed}, or {@code 503 unavailable} with {@code Retry-After}
     */
    public void check(String token, boolean knownNumber, String region) {
        if (!applies(knownNumber, region)) {
            return;
        }
        if (token == null || token.isEmpty()) {
            throw refused(Outcome.MISSING, "a bot check is needed before a code is sent: solve it and send its token "
                    + "in 'botToken'");
        }
        if (!TOKEN.matcher(token).matches()) {
            throw refused(Outcome.FAILED, "the bot check's token is malformed: solve it again");
        }
        BotVerifier.Verdict verdict = calls.record(() -> verifier.verify(token));
        if (verdict instanceof BotVerifier.Failed failed) {
            throw refused(Outcome.FAILED,
                    "the bot check did not pass (" + String.join(", ", failed.errorCodes()) + "): solve it again");
        }
        if (verdict instanceof BotVerifier.Unavailable unavailable) {
            unavailable(unavailable.why(), knownNumber);
            return;
        }
        outcomes.get(Outcome.PASSED).increment();
    }

    private boolean applies(boolean knownNumber, String region) {
        return settings.enabled()
                && (settings.appliesTo() == BotCheckSettings.AppliesTo.ALL || !knownNumber)
                && (settings.countries().isEmpty() || settings.countries().contains(region));
    }

    private void unavailable(String why, boolean knownNumber) {
        boolean refuse = switch (settings.whenUnavailable()) {
            case REFUSE_ALL -> true;
            case REFUSE_NEW_NUMBERS -> !knownNumber;
            case ALLOW_ALL -> false;
        };
        Outcome outcome = refuse ? Outcome.UNAVAILABLE_REFUSED : Outcome.UNAVAILABLE_ALLOWED;
        outcomes.get(outcome).increment();
        log.warn("Bot check ({}) unavailable: {}; the start is {}", settings.provider().name().toLowerCase(Locale.ROOT),
                why, refuse ? "refused (503)" : "let through");
        if (refuse) {
            throw new ApiProblem(Problem.UNAVAILABLE, "the bot check cannot be made now; try again shortly", Map.of(),
                    settings.retryAfter());
        }
    }

    private ApiProblem refused(Outcome outcome, String detail) {
        outcomes.get(outcome).increment();
        return new ApiProblem(Problem.BOT_CHECK_FAILED, detail);
    }
}
