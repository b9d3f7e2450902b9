package io.phonegate.devstack.cognito.pool;

import io.phonegate.common.keys.HmacSha256;
import io.phonegate.devstack.cognito.wire.CognitoException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** The checks every call starts with: the pool and app client exist, and the SECRET_HASH is right. */
public final class PoolGuard {

    private final LivePool live;

    public PoolGuard(LivePool live) {
        this.live = live;
    }

    public void requirePool(String userPoolId) {
        if (!live.settings().userPoolId().equals(userPoolId)) {
            throw CognitoException.resourceNotFound("User pool " + userPoolId + " does not exist.");
        }
    }

    public void requireClient(String clientId) {
        if (!live.settings().clientId().equals(clientId)) {
            throw CognitoException.resourceNotFound("User pool client " + clientId + " does not exist.");
        }
    }

    /**
     * SECRET_HASH = Base64(HmacSHA256(key = client secret, message = username + clientId)).
     * Required exactly when the client has a secret.
     *
     * @param usernames the names the hash may have been computed over (the first is the one Cognito reports)
     */
    public void verifySecretHash(String secretHash, String... usernames) {
        String secret = live.client().secret();
        if (secret == null) {
            return;
        }
        String clientId = live.settings().clientId();
        if (secretHash == null) {
            throw CognitoException.notAuthorized("Client " + clientId + " is configured for secret but secret was not received");
        }
        for (String username : usernames) {
            if (username != null && MessageDigest.isEqual(secretHashOf(secret, username).getBytes(StandardCharsets.UTF_8),
                    secretHash.getBytes(StandardCharsets.UTF_8))) {
                return;
            }
        }
        throw CognitoException.notAuthorized("Unable to verify secret hash for client " + clientId);
    }

    public void verifyClientSecret(String clientSecret) {
        String secret = live.client().secret();
        if (secret != null && (clientSecret == null || !MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8), clientSecret.getBytes(StandardCharsets.UTF_8)))) {
            throw CognitoException.notAuthorized("Client authentication failed.");
        }
    }

    private String secretHashOf(String secret, String username) {
        byte[] hash = HmacSha256.once(secret.getBytes(StandardCharsets.UTF_8),
                (username + live.settings().clientId()).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(hash);
    }
}
