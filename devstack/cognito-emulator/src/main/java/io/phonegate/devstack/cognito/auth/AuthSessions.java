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

/**
 * Custom-auth sessions between rounds. Each round hands out a new opaque {@code Session} that
 * is good for one answer and for the app client's AuthSessionValidity.
 */
final class AuthSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    record AuthSession(String username, String clientId, List<Round> rounds, Map<String, String> privateParameters,
                       String metadata, Instant expiresAt) {
    }

    private final Map<String, AuthSession> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration validity;

    AuthSessions(Clock clock, Duration validity) {
        this.clock = clock;
        this.validity = validity;
    }

    String open(String username, String clientId, List<Round> rounds, Map<String, String> privateParameters, String metadata) {
        Instant now = clock.instant();
        sessions.values().removeIf(session -> !now.isBefore(session.expiresAt()));
        byte[] bytes = new byte[96];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(token, new AuthSession(username, clientId, List.copyOf(rounds), Map.copyOf(privateParameters),
                metadata, now.plus(validity)));
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
