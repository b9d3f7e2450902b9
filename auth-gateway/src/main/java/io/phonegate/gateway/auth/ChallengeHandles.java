package io.phonegate.gateway.auth;

import io.phonegate.gateway.problem.ApiProblem;
import io.phonegate.gateway.problem.Problem;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The challenge handle clients hold: Cognito's session, base64url-wrapped so it is one URL-safe
 * token. Stateless, so any gateway instance can verify it. Also makes look-alike handles for
 * disabled users that cannot be told from real ones without Cognito's keys.
 */
@Component
class ChallengeHandles {

    /** Cognito sessions are 20 to 2048 characters. */
    private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_-]{27,2731}");
    private static final Pattern SESSION = Pattern.compile("[\\x21-\\x7e]{20,2048}");
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";
    /** Shape of a session until this instance has seen a real one: about the size of Cognito's. */
    private static final int FALLBACK_SESSION_LENGTH = 920;

    private final SecureRandom random = new SecureRandom();
    private final AtomicReference<String> template = new AtomicReference<>();

    String wrap(String session) {
        template.set(session);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(session.getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws ApiProblem {@code invalid-challenge} when the handle cannot be one this gateway gave out */
    String open(String handle) {
        if (handle == null) {
            throw new ApiProblem(Problem.INVALID_REQUEST, "field 'challenge' is required");
        }
        if (!HANDLE.matcher(handle).matches()) {
            throw invalid();
        }
        String session;
        try {
            session = new String(Base64.getUrlDecoder().decode(handle), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!SESSION.matcher(session).matches()) {
            throw invalid();
        }
        return session;
    }

    /**
     * A handle shaped like the last real one: every letter and digit of that session replaced by a
     * random one of the same kind, punctuation kept. It reveals nothing about the real session.
     */
    String lookAlike() {
        String shape = template.get();
        StringBuilder session = new StringBuilder();
        if (shape == null) {
            byte[] bytes = new byte[FALLBACK_SESSION_LENGTH * 3 / 4];
            random.nextBytes(bytes);
            session.append(Base64.getEncoder().encodeToString(bytes));
        } else {
            for (char c : shape.toCharArray()) {
                session.append(randomLike(c));
            }
        }
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(session.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private char randomLike(char c) {
        if (c >= 'A' && c <= 'Z') {
            return UPPER.charAt(random.nextInt(UPPER.length()));
        }
        if (c >= 'a' && c <= 'z') {
            return LOWER.charAt(random.nextInt(LOWER.length()));
        }
        if (c >= '0' && c <= '9') {
            return DIGITS.charAt(random.nextInt(DIGITS.length()));
        }
        return c;
    }

    private static ApiProblem invalid() {
        return new ApiProblem(Problem.INVALID_CHALLENGE,
                "the challenge is not one this service gave out; use the one from the last answer");
    }
}
