package io.phonegate.gateway.support;

import io.phonegate.common.challenge.ChallengeParameters;
import io.phonegate.gateway.cognito.AuthRejectedException;
import io.phonegate.gateway.cognito.AuthStep;
import io.phonegate.gateway.cognito.AuthTokens;
import io.phonegate.gateway.cognito.UserExistsException;
import io.phonegate.gateway.cognito.UserPool;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for Cognito in slice tests of the HTTP contract: every number is a known, verified
 * user (so creating one is refused, as Cognito refuses it); the right code is {@link #CODE}; the next
 * calls can be made to fail with any exception.
 * The flows against real Cognito behaviour are tested on the emulator.
 */
public final class FakeUserPool implements UserPool {

    public static final String CODE = "123456";
    public static final String SESSION = "fake-session-" + "x".repeat(40);

    private final Clock clock;
    private final AtomicReference<RuntimeException> nextFailure = new AtomicReference<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    public FakeUserPool(Clock clock) {
        this.clock = clock;
    }

    public void failNextCallWith(RuntimeException failure) {
        failNextCallsWith(1, failure);
    }

    /** The next {@code calls} calls fail with {@code failure}: Cognito answering the same to a start's creation and its sign-in. */
    public void failNextCallsWith(int calls, RuntimeException failure) {
        nextFailure.set(failure);
        failuresLeft.set(calls);
    }

    @Override
    public AuthStep startCustomAuth(String username) {
        failIfAsked();
        return challenge(3, false);
    }

    @Override
    public void createUser(String phoneE164) {
        failIfAsked();
        throw new UserExistsException();
    }

    @Override
    public void deleteUser(String username) {
        failIfAsked();
    }

    @Override
    public AuthStep answerChallenge(String username, String session, String answer) {
        failIfAsked();
        if (!SESSION.equals(session)) {
            throw new AuthRejectedException("NotAuthorizedException");
        }
        return CODE.equals(answer) ? new AuthStep.Tokens(tokens(username)) : challenge(2, true);
    }

    @Override
    public void markSignupCompleted(String username, Instant completedAt) {
        failIfAsked();
    }

    @Override
    public AuthTokens refresh(String username, String refreshToken) {
        failIfAsked();
        return new AuthTokens(idToken(username), "access", null, 3600, "Bearer");
    }

    @Override
    public void revoke(String refreshToken) {
        failIfAsked();
    }

    private void failIfAsked() {
        if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw nextFailure.get();
        }
    }

    private AuthStep challenge(int attemptsLeft, boolean retry) {
        return new AuthStep.Challenge(SESSION, Map.of(
                ChallengeParameters.SEALED_CODE, "v1.test.c2VhbGVk",
                ChallengeParameters.CHALLENGE_ID, "challenge-1",
                ChallengeParameters.EXPIRES_AT, clock.instant().plus(Duration.ofMinutes(3)).toString(),
                ChallengeParameters.PURPOSE, "LOGIN",
                ChallengeParameters.CODE_LENGTH, "6",
                ChallengeParameters.ATTEMPTS_LEFT, String.valueOf(attemptsLeft),
                ChallengeParameters.RETRY, String.valueOf(retry)));
    }

    private static AuthTokens tokens(String username) {
        return new AuthTokens(idToken(username), "access", "refresh-token-" + "r".repeat(30), 3600, "Bearer");
    }

    private static String idToken(String username) {
        String payload = "{\"sub\":\"sub-1\",\"cognito:username\":\"" + username + "\",\"phone_number\":\""
                + username + "\",\"phone_number_verified\":true}";
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".sig";
    }
}
