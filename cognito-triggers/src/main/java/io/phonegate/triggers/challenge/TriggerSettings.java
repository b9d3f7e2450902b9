package io.phonegate.triggers.challenge;

import io.phonegate.common.answer.AnswerSignatures;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.common.testnumber.TestNumbers;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/**
 * What the triggers need to know, whether they run in Lambda (read from the environment)
 * or in-process in the Cognito emulator and tests (built directly).
 *
 * @param seal        seals codes (Create) and opens them (Verify); Define needs none
 * @param codeLength  digits per code
 * @param codeTtl     how long a code is accepted; Cognito's session must live at least as long
 * @param maxAttempts answers accepted per code before the challenge fails
 * @param answers     checks the gateway's signature on each answer (Verify); Define and Create need none
 * @param testNumbers numbers whose code Create makes fixed ({@code PHONEGATE_TEST_NUMBERS}, the gateway's setting)
 */
public record TriggerSettings(CodeSeal seal, int codeLength, Duration codeTtl, int maxAttempts,
                              AnswerSignatures answers, TestNumbers testNumbers) {

    public static final String ENV_SEAL_KEYS = "PHONEGATE_SEAL_KEYS";
    public static final String ENV_SEALING_KEY_ID = "PHONEGATE_SEAL_SEALING_KEY_ID";
    public static final String ENV_CODE_LENGTH = "PHONEGATE_CODE_LENGTH";
    public static final String ENV_CODE_TTL = "PHONEGATE_CODE_TTL";
    public static final String ENV_MAX_ATTEMPTS = "PHONEGATE_MAX_ATTEMPTS";
    public static final String ENV_ANSWER_KEYS = "PHONEGATE_ANSWER_KEYS";
    public static final String ENV_ANSWER_SIGNING_KEY_ID = "PHONEGATE_ANSWER_SIGNING_KEY_ID";

    public static final int DEFAULT_CODE_LENGTH = 6;
    public static final Duration DEFAULT_CODE_TTL = Duration.ofMinutes(3);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    /** Cognito's longest session ({@code AuthSessionValidity} 15 min): a code cannot outlive it. */
    private static final Duration LONGEST_TTL = Duration.ofMinutes(15);

    public TriggerSettings {
        if (codeLength < 4 || codeLength > 10) {
            throw new IllegalArgumentException("code length must be 4-10 digits, was " + codeLength);
        }
        Objects.requireNonNull(codeTtl, "code TTL is required");
        if (codeTtl.isNegative() || codeTtl.isZero() || codeTtl.compareTo(LONGEST_TTL) > 0) {
            throw new IllegalArgumentException("code TTL must be positive and at most " + LONGEST_TTL + ", was " + codeTtl);
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("max attempts must be 1-10, was " + maxAttempts);
        }
        testNumbers = Objects.requireNonNullElse(testNumbers, TestNumbers.NONE).requireCodeLength(codeLength);
    }

    /** Without test numbers. */
    public TriggerSettings(CodeSeal seal, int codeLength, Duration codeTtl, int maxAttempts, AnswerSignatures answers) {
        this(seal, codeLength, codeTtl, maxAttempts, answers, TestNumbers.NONE);
    }

    /** Without answer keys or test numbers: what Define runs with. */
    public TriggerSettings(CodeSeal seal, int codeLength, Duration codeTtl, int maxAttempts) {
        this(seal, codeLength, codeTtl, maxAttempts, null);
    }

    /** Defaults (6 digits, 3 minutes, 3 attempts) with the given seal and no answer keys. */
    public static TriggerSettings defaults(CodeSeal seal) {
        return new TriggerSettings(seal, DEFAULT_CODE_LENGTH, DEFAULT_CODE_TTL, DEFAULT_MAX_ATTEMPTS);
    }

    /** Defaults (6 digits, 3 minutes, 3 attempts) with the given seal and answer keys: all three triggers can run. */
    public static TriggerSettings defaults(CodeSeal seal, AnswerSignatures answers) {
        return defaults(seal).withAnswers(answers);
    }

    /**
     * Every setting from the environment; the seal keys are required. The answer keys
     * ({@code PHONEGATE_ANSWER_KEYS}) are read when set: only the Verify trigger is given them, and it
     * refuses to start without them. Test numbers ({@code PHONEGATE_TEST_NUMBERS}) matter to Create only.
     */
    public static TriggerSettings fromEnvironment(Map<String, String> env) {
        CodeSeal seal = CodeSeal.fromConfig(env.get(ENV_SEAL_KEYS), env.get(ENV_SEALING_KEY_ID));
        String answerKeys = env.get(ENV_ANSWER_KEYS);
        return new TriggerSettings(seal,
                intSetting(env, ENV_CODE_LENGTH, DEFAULT_CODE_LENGTH),
                durationSetting(env, ENV_CODE_TTL, DEFAULT_CODE_TTL),
                maxAttemptsFromEnvironment(env),
                answerKeys == null || answerKeys.isBlank() ? null
                        : AnswerSignatures.fromConfig(answerKeys, env.get(ENV_ANSWER_SIGNING_KEY_ID)),
                TestNumbers.parse(env.get(TestNumbers.ENV)));
    }

    public TriggerSettings withAnswers(AnswerSignatures newAnswers) {
        return new TriggerSettings(seal, codeLength, codeTtl, maxAttempts, newAnswers, testNumbers);
    }

    public TriggerSettings withTestNumbers(TestNumbers newTestNumbers) {
        return new TriggerSettings(seal, codeLength, codeTtl, maxAttempts, answers, newTestNumbers);
    }

    /** Define only counts attempts, so its Lambda does not need (and should not get) the seal keys. */
    public static int maxAttemptsFromEnvironment(Map<String, String> env) {
        return intSetting(env, ENV_MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS);
    }

    public CodeSeal requireSeal() {
        if (seal == null) {
            throw new IllegalStateException("no seal keys configured: set " + ENV_SEAL_KEYS);
        }
        return seal;
    }

    public AnswerSignatures requireAnswers() {
        if (answers == null) {
            throw new IllegalStateException("no answer keys configured: set " + ENV_ANSWER_KEYS
                    + " (the keys the gateway signs answers with); without them no answer could ever be accepted");
        }
        return answers;
    }

    private static int intSetting(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }

    private static Duration durationSetting(Map<String, String> env, String name, Duration fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT3M, was '" + value + "'");
        }
    }
}
