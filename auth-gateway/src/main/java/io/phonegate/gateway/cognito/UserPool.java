package io.phonegate.gateway.cognito;

import java.time.Instant;

/**
 * What the gateway needs from the Cognito user pool, in its own words. Users are named by their
 * E.164 phone number, whatever the pool's settings: where {@code PreventUserExistenceErrors} is
 * {@code ENABLED}, or the number is a username attribute (Cognito then names users itself), the
 * implementation finds out what it needs from Cognito without telling the caller. Failures arrive
 * as {@link UserPoolException} subclasses.
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
     * Creates a pending user for the number with admin calls: {@code CONFIRMED}, its phone not verified,
     * a random password nobody keeps, no message sent by Cognito. Works where the app client may not
     * write {@code phone_number} and where nobody may sign up through the public API.
     *
     * @throws UserExistsException someone created the same user a moment ago
     */
    void createUser(String phoneE164);

    /** @throws UnknownUserException no such user (any more) */
    void deleteUser(String username);

    /**
     * Answers the current challenge with a code.
     *
     * @param username the E.164 number the challenge was started for
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
     * @param username the user's username as Cognito knows it ({@code cognito:username} of its ID token; the
     *                 secret hash is made from it)
     * @throws AuthRejectedException the refresh token is invalid, expired or revoked
     */
    AuthTokens refresh(String username, String refreshToken);

    /** Revokes a refresh token and the tokens issued from it. */
    void revoke(String refreshToken);
}
