package io.phonegate.devstack.cognito.tokens;

import io.phonegate.devstack.cognito.wire.CognitoException;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refresh tokens: opaque random strings (real Cognito's are encrypted JWTs, which callers
 * cannot read either), each remembering whom and which authentication it belongs to.
 */
public final class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final Duration validity;

    /** What a refresh token stands for. */
    public record Grant(String username, String sub, String clientId, String originJti, Instant authTime, Instant expiresAt) {
    }

    public RefreshTokens(Clock clock, Duration validity) {
        this.clock = clock;
        this.validity = validity;
    }

    public String issue(String username, String sub, String clientId, String originJti, Instant authTime) {
        byte[] bytes = new byte[96];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grants.put(token, new Grant(username, sub, clientId, originJti, authTime, clock.instant().plus(validity)));
        return token;
    }

    /** @throws CognitoException NotAuthorizedException for an unknown, revoked or expired token */
    public Grant redeem(String token, String clientId) {
        if (revoked.contains(token)) {
            throw CognitoException.notAuthorized("Refresh Token has been revoked");
        }
        Grant grant = grants.get(token);
        if (grant == null || !grant.clientId().equals(clientId)) {
            throw CognitoException.notAuthorized("Invalid Refresh Token");
        }
        if (!clock.instant().isBefore(grant.expiresAt())) {
            throw CognitoException.notAuthorized("Refresh Token has expired");
        }
        return grant;
    }

    /** @return whether a token was revoked (false for one never issued or already revoked) */
    public boolean revoke(String token) {
        if (grants.remove(token) == null) {
            return false;
        }
        revoked.add(token);
        return true;
    }

    /** A deleted user's tokens stop working: Cognito revokes them with the user. */
    public void revokeAllOf(String sub) {
        grants.entrySet().removeIf(entry -> {
            boolean theirs = entry.getValue().sub().equals(sub);
            if (theirs) {
                revoked.add(entry.getKey());
            }
            return theirs;
        });
    }
}
