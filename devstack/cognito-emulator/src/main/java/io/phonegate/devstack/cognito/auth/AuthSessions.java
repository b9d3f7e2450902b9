package io.phonegate.devstack.cognito.auth;

import io.phonegate.devstack.cognito.wire.CognitoException;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Sessions between rounds of a sign-in. Each round hands out a new opaque {@code Session} that
 * is good for one answer to its challenge and for the app client's AuthSessionValidity.
 */
final class AuthSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param challengeName what the session waits for: {@code CUSTOM_CHALLENGE} or {@code NEW_PASSWORD_REQUIRED}
     * @param username      the user's real username (in a pool that signs in by phone number, the generated one)
     */
    record AuthSession(String challengeName, String username, String clientId, List<Round> rounds,
                       Map<String, String> privateParameters, String metadata, Instant expiresAt) {
    }

    private final Map<String, AuthSession> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Supplier<Duration> validity;

    /** @param validity read at each new session: the app client's setting may change while the emulator runs */
    AuthSessions(Clock clock, Supplier<Duration> validity) {
        this.clock = clock;
        this.validity = validity;
    }

    String open(String challengeName, String username, String clientId, List<Round> rounds,
                Map<String, String> privateParameters, String metadata) {
        Instant now = clock.instant();
        sessions.values().removeIf(session -> !now.isBefore(session.expiresAt()));
        byte[] bytes = new byte[96];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(token, new AuthSession(challengeName, username, clientId, List.copyOf(rounds),
                Map.copyOf(privateParameters), metadata, now.plus(validity.get())));
        return token;
    }

    /** @throws CognitoException NotAuthorizedException for an unknown, used, foreign or expired session */
    AuthSession find(String token, String clientId) {
        AuthSession session = sessions.get(token);
        if (session == null || !session.clientId().equals(clientId)) {
            throw CognitoException.notAuthorized("Invalid session for the user.");
        }
        if (!clock.instant().isBefore(session.expiresAt())) {
            sessions.remove(token);
            throw CognitoException.notAuthorized("Invalid session for the user, session is expired.");
        }
        return session;
    }

    /** Uses the session up; a second answer on the same session (a double submit) loses. */
    void consume(String token, AuthSession session) {
        if (!sessions.remove(token, session)) {
            throw CognitoException.notAuthorized("Invalid session for the user.");
        }
    }
}
