package io.phonegate.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything the AWS app can be told, checked together. Passed as CDK context
 * ({@code -c name=value}); the names are the record's components unless noted.
 *
 * @param sealKeys         context {@code sealSecretArn} (+ {@code sealSecretVersionId}): JSON fields
 *                         {@code keys}, {@code sealing-key-id}
 * @param answerKeys       context {@code answerSecretArn} (+ {@code answerSecretVersionId}): JSON fields
 *                         {@code keys}, {@code signing-key-id}
 * @param testNumbers      context {@code testNumbersSecretArn} (+ {@code testNumbersSecretVersionId}), optional:
 *                         JSON field {@code numbers}, the gateway's {@code PHONEGATE_TEST_NUMBERS}, for the Create
 *                         trigger only. A secret because a fixed code logs in as its user; absent: no test numbers
 * @param authSessionValidity context {@code authSessionValidityMinutes} (5 by default): how long Cognito keeps a
 *                         challenge session; at least the code's lifetime, and longer, so a code typed in its
 *                         last seconds still finds its session
 * @param triggerMemoryMb  512 MB by default, as cognito-triggers/README.md recommends until a
 *                         cold-start measurement says otherwise
 */
public record DeploySettings(
        String stackName,
        String poolName,
        SecretReference sealKeys,
        SecretReference answerKeys,
        Optional<SecretReference> testNumbers,
        UserExistenceErrors userExistenceErrors,
        Duration authSessionValidity,
        Duration codeTtl,
        int codeLength,
        int maxAttempts,
        int triggerMemoryMb,
        Path triggersJar,
        int smsMonthlySpendLimitUsd,
        int smsDeliverySuccessSamplePercent) {

    /** What Cognito answers for an unknown username: the gateway needs LEGACY today. */
    public enum UserExistenceErrors { LEGACY, ENABLED }

    public static final Duration MIN_SESSION = Duration.ofMinutes(3);
    public static final Duration MAX_SESSION = Duration.ofMinutes(15);

    public DeploySettings {
        require(stackName != null && !stackName.isBlank(), "stackName is empty");
        require(poolName != null && !poolName.isBlank(), "poolName is empty");
        require(sealKeys != null, "sealSecretArn is required");
        require(answerKeys != null, "answerSecretArn is required");
        testNumbers = testNumbers == null ? Optional.empty() : testNumbers;
        require(userExistenceErrors != null, "userExistenceErrors is required");
        require(authSessionValidity != null && authSessionValidity.toSecondsPart() == 0
                        && authSessionValidity.compareTo(MIN_SESSION) >= 0 && authSessionValidity.compareTo(MAX_SESSION) <= 0,
                "authSessionValidityMinutes must be whole minutes from 3 to 15 (Cognito's range)");
        require(codeTtl != null && !codeTtl.isNegative() && !codeTtl.isZero() && codeTtl.compareTo(MAX_SESSION) <= 0,
                "codeTtl must be positive and at most PT15M");
        require(codeTtl.compareTo(authSessionValidity) <= 0,
                "codeTtl " + codeTtl + " outlives the Cognito session (authSessionValidityMinutes "
                        + authSessionValidity.toMinutes() + "): a code would still be valid when its session is gone");
        require(codeLength >= 4 && codeLength <= 10, "codeLength must be 4 to 10");
        require(maxAttempts >= 1 && maxAttempts <= 10, "maxAttempts must be 1 to 10");
        require(triggerMemoryMb >= 128 && triggerMemoryMb <= 10240, "triggerMemoryMb must be 128 to 10240");
        require(triggersJar != null, "triggersJar is required");
        require(smsMonthlySpendLimitUsd >= 1, "smsMonthlySpendLimitUsd must be at least 1");
        require(smsDeliverySuccessSamplePercent >= 0 && smsDeliverySuccessSamplePercent <= 100,
                "smsDeliverySuccessSamplePercent must be 0 to 100");
    }

    /**
     * Reads the settings from CDK context, reporting every missing or malformed value at once.
     *
     * @param context        the app's context lookup ({@code node.tryGetContext})
     * @param defaultTriggersJar asked only when no {@code triggersJar} is given
     */
    public static DeploySettings fromContext(Function<String, Object> context, Supplier<Path> defaultTriggersJar) {
        ContextReader read = new ContextReader(context);
        SecretReference seal = read.secret("sealSecretArn", "sealSecretVersionId");
        SecretReference answer = read.secret("answerSecretArn", "answerSecretVersionId");
        Optional<SecretReference> testNumbers = read.optionalSecret("testNumbersSecretArn", "testNumbersSecretVersionId");
        Integer spendLimit = read.integer("smsMonthlySpendLimitUsd", null);
        UserExistenceErrors existence = read.userExistenceErrors();
        Integer sessionMinutes = read.integer("authSessionValidityMinutes", 5);
        Duration codeTtl = read.duration("codeTtl", Duration.ofMinutes(3));
        Integer codeLength = read.integer("codeLength", 6);
        Integer maxAttempts = read.integer("maxAttempts", 3);
        Integer memory = read.integer("triggerMemoryMb", 512);
        Integer sample = read.integer("smsDeliverySuccessSamplePercent", 100);
        if (!read.problems.isEmpty()) {
            throw new IllegalArgumentException("Phonegate's AWS app cannot start:\n  - "
                    + String.join("\n  - ", read.problems)
                    + "\nPass values with -c name=value (see deploy-aws/README.md).");
        }
        Path jar = read.text("triggersJar").map(Path::of).orElseGet(defaultTriggersJar);
        return new DeploySettings(read.text("stackName").orElse("Phonegate"), read.text("poolName").orElse("phonegate"),
                seal, answer, testNumbers, existence, Duration.ofMinutes(sessionMinutes), codeTtl, codeLength, maxAttempts,
                memory, jar, spendLimit, sample);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static final class ContextReader {
        private final Function<String, Object> context;
        private final List<String> problems = new ArrayList<>();

        ContextReader(Function<String, Object> context) {
            this.context = context;
        }

        Optional<String> text(String name) {
            Object value = context.apply(name);
            return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().strip());
        }

        Integer integer(String name, Integer fallback) {
            Optional<String> value = text(name);
            if (value.isEmpty()) {
                if (fallback == null) {
                    problems.add(name + " is required");
                }
                return fallback;
            }
            try {
                return Integer.valueOf(value.get());
            } catch (NumberFormatException e) {
                problems.add(name + " is not a whole number: " + value.get());
                return fallback;
            }
        }

        Duration duration(String name, Duration fallback) {
            Optional<String> value = text(name);
            try {
                return value.map(Duration::parse).orElse(fallback);
            } catch (DateTimeParseException e) {
                problems.add(name + " is not an ISO-8601 duration (e.g. PT3M): " + value.get());
                return fallback;
            }
        }

        SecretReference secret(String arnName, String versionName) {
            if (text(arnName).isEmpty()) {
                problems.add(arnName + " is required (the full ARN of a Secrets Manager secret)");
                return null;
            }
            return optionalSecret(arnName, versionName).orElse(null);
        }

        /** Absent when neither name is given; a version without its secret is a mistake, not "absent". */
        Optional<SecretReference> optionalSecret(String arnName, String versionName) {
            Optional<String> arn = text(arnName);
            if (arn.isEmpty()) {
                if (text(versionName).isPresent()) {
                    problems.add(versionName + " is given without " + arnName);
                }
                return Optional.empty();
            }
            try {
                return Optional.of(new SecretReference(arn.get(), text(versionName)));
            } catch (IllegalArgumentException e) {
                problems.add(arnName + "/" + versionName + ": " + e.getMessage());
                return Optional.empty();
            }
        }

        UserExistenceErrors userExistenceErrors() {
            Optional<String> value = text("userExistenceErrors");
            try {
                return value.map(UserExistenceErrors::valueOf).orElse(UserExistenceErrors.LEGACY);
            } catch (IllegalArgumentException e) {
                problems.add("userExistenceErrors must be LEGACY or ENABLED: " + value.get());
                return UserExistenceErrors.LEGACY;
            }
        }
    }
}
