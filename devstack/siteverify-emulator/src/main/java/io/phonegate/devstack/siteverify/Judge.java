package io.phonegate.devstack.siteverify;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges one siteverify request as the provider would with its test keys. Tokens: every one is single use
 * (a second verify answers {@code timeout-or-duplicate}, as all three providers do); one starting with
 * {@code fail} is {@code invalid-input-response}; an empty one {@code missing-input-response}; any other
 * passes under a passing secret. The answer has each provider's fields ({@code challenge_ts},
 * {@code hostname}; Turnstile's {@code action} and {@code cdata}; hCaptcha's {@code credit}).
 */
final class Judge {

    /** Tokens seen are remembered up to this many; a long run cannot exhaust memory. */
    private static final int REMEMBERED = 100_000;

    private final Clock clock;
    private final Set<String> spent = new LinkedHashSet<>();

    Judge(Clock clock) {
        this.clock = clock;
    }

    synchronized Map<String, Object> judge(Provider provider, Map<String, String> form) {
        String secret = form.getOrDefault("secret", "");
        String token = form.getOrDefault("response", "");
        List<String> errors = new ArrayList<>();
        if (secret.isEmpty()) {
            errors.add("missing-input-secret");
        } else if (!provider.passes(secret) && !provider.alwaysFails(secret) && !provider.alwaysSpent(secret)) {
            errors.add("invalid-input-secret");
        }
        if (token.isEmpty()) {
            errors.add("missing-input-response");
        } else if (errors.isEmpty()) {
            if (provider.alwaysSpent(secret) || !remember(token)) {
                errors.add("timeout-or-duplicate");
            } else if (provider.alwaysFails(secret) || token.startsWith("fail")) {
                errors.add("invalid-input-response");
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", errors.isEmpty());
        answer.put("error-codes", errors);
        if (errors.isEmpty()) {
            answer.put("challenge_ts", clock.instant().toString());
            answer.put("hostname", "localhost");
            switch (provider) {
                case TURNSTILE -> {
                    answer.put("action", "");
                    answer.put("cdata", "");
                }
                case HCAPTCHA -> answer.put("credit", false);
                case RECAPTCHA -> { }
            }
        }
        return answer;
    }

    private boolean remember(String token) {
        if (!spent.add(token)) {
            return false;
        }
        if (spent.size() > REMEMBERED) {
            spent.remove(spent.iterator().next());
        }
        return true;
    }
}
