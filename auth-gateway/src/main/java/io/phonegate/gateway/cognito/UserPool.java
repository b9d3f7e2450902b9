package io.phonegate.gateway.cognito;

import java.time.Instant;

/**
 * What the gateway needs from the Cognito user pool, in its own words. The username is the
 * E.164 phone number. Failures arrive as {@link UserPoolException} subclasses.
 */
public interface UserPool {

    /**
     * Starts the custom (code) flow for a user.
     *
     * @throws UnknownUserException     no such user
     * @throws UnconfirmedUserException the user exists but is {@code UNCONFIRMED}
     * @throws DisabledUserException    the user is disabled
     */
    AuthStep startCustomAuth(String username);

    /**
     * Creates a user with a random password nobody keeps.
     *
     * @return the new user's {@code sub}
     * @throws UserExistsException someone created the same user a moment ago
     */
    String signUp(String username, String phoneE164);

    /** Confirms a user created by {@link #signUp}, so it can authenticate. */
    void confirmSignUp(String username);

    /** @throws UnknownUserException no such user (any more) */
    void deleteUser(String username);

    /**
     * Answers the current challenge with a code.
     *
     * @throws AuthRejectedException the session is over: expired, out of attempts, or not this user's
     */
    AuthStep answerChallenge(String username, String session, String answer);

    /**
     * Marks the user's phone number verified and the user as having completed sign-up
     * ({@code custom:pg_completed}), in one call: a user with the marker is never reaped, even if
     * its phone is later un-verified (an admin changing {@code phone_number}).
     */
    void markSignupCompleted(String username, Instant completedAt);

    /**
     * Fresh ID and access tokens for a refresh token.
     *
     * @param username the user the refresh token belongs to (the secret hash is made from it)
     * @throws AuthRejectedException the refresh token is invalid, expired or revoked
     */
    AuthTokens refresh(String username, String refreshToken);

    /** Revokes a refresh token and the tokens issued from it. */
    void revoke(String refreshToken);
}
