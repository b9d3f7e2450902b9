package io.phonegate.common.challenge;

/**
 * Names of the public challenge parameters the Create trigger returns and the gateway reads
 * from {@code AdminInitiateAuth} / {@code AdminRespondToAuthChallenge}. Whoever holds the app
 * client's secret can read them too, through the public {@code InitiateAuth}: so they hold only
 * what the gateway needs, none of them is the code in plaintext, and none names the user
 * (cognito-triggers/README.md says why each one is there).
 */
public final class ChallengeParameters {

    /** The code sealed with {@code CodeSeal} for the user's phone number. */
    public static final String SEALED_CODE = "sealedCode";
    /** Random id of this code; the same for every round of one challenge (no new SMS per wrong answer). */
    public static final String CHALLENGE_ID = "challengeId";
    /** When the code stops being accepted, ISO-8601 instant ({@code 2026-11-24T10:15:30Z}). */
    public static final String EXPIRES_AT = "expiresAt";
    /** {@code SIGNUP} when the user's phone is not yet verified, else {@code LOGIN}. */
    public static final String PURPOSE = "purpose";
    /** Digits in the code. */
    public static final String CODE_LENGTH = "codeLength";
    /** Answers still accepted for this code, counting the one about to be given. */
    public static final String ATTEMPTS_LEFT = "attemptsLeft";
    /** {@code true} on a round after a wrong answer: the same code, nothing new to send. */
    public static final String RETRY = "retry";
    /**
     * {@code true} only on a test number's challenge ({@code TestNumbers}): its code is the configured fixed
     * one, and the gateway never texts it. Absent on every other challenge.
     */
    public static final String TEST_NUMBER = "testNumber";

    private ChallengeParameters() {
    }
}
