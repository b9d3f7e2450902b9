package io.phonegate.devstack.cognito;

import io.phonegate.common.answer.AnswerSignatures;
import io.phonegate.common.keys.KeyRing;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.triggers.challenge.TriggerSettings;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One user pool with one app client, created when the emulator starts. The defaults are the
 * fixed local pool of DESIGN's "Local defaults", so scripts and the AWS CLI can find it.
 *
 * @param host                       address to bind; loopback by default
 * @param port                       0 picks a free port
 * @param clientSecret               the app client's secret; {@code null} for a client without one
 * @param authSessionValidity        how long each {@code Session} of a custom-auth round is accepted (3-15 min)
 * @param triggers                   what the Define/Create/Verify triggers are run with (seal and answer keys, code rules)
 * @param clock                      time for sessions, codes and tokens; tests move it by hand
 */
public record CognitoEmulatorSettings(
        String host,
        int port,
        String region,
        String userPoolId,
        String clientId,
        String clientSecret,
        PreventUserExistenceErrors preventUserExistenceErrors,
        Duration authSessionValidity,
        Duration accessTokenValidity,
        Duration idTokenValidity,
        Duration refreshTokenValidity,
        TriggerSettings triggers,
        Clock clock) {

    public static final int DEFAULT_PORT = 9229;
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_USER_POOL_ID = "us-east-1_phonegate";
    public static final String DEFAULT_CLIENT_ID = "phonegatelocalclient";
    public static final String DEFAULT_CLIENT_SECRET = "phonegate-local-secret";

    private static final Duration SHORTEST_SESSION = Duration.ofMinutes(3);
    private static final Duration LONGEST_SESSION = Duration.ofMinutes(15);

    /** The app client's {@code PreventUserExistenceErrors}. */
    public enum PreventUserExistenceErrors {
        /** Unknown users get {@code UserNotFoundException}: Phonegate's choice, the gateway must tell them apart. */
        LEGACY,
        /** Unknown users run the triggers with {@code userNotFound=true} and fail like a wrong answer. */
        ENABLED
    }

    public CognitoEmulatorSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535, was " + port);
        }
        Objects.requireNonNull(region, "region");
        if (userPoolId == null || !userPoolId.matches("[\\w-]+_[0-9a-zA-Z]+")) {
            throw new IllegalArgumentException("user pool id must look like <region>_<id>, was " + userPoolId);
        }
        Objects.requireNonNull(clientId, "clientId");
        if (clientSecret != null && clientSecret.isBlank()) {
            throw new IllegalArgumentException("client secret must be null (a client without one) or not blank");
        }
        Objects.requireNonNull(preventUserExistenceErrors, "preventUserExistenceErrors");
        Objects.requireNonNull(authSessionValidity, "authSessionValidity");
        if (authSessionValidity.compareTo(SHORTEST_SESSION) < 0 || authSessionValidity.compareTo(LONGEST_SESSION) > 0) {
            throw new IllegalArgumentException("AuthSessionValidity must be 3-15 minutes, was " + authSessionValidity);
        }
        Objects.requireNonNull(accessTokenValidity, "accessTokenValidity");
        Objects.requireNonNull(idTokenValidity, "idTokenValidity");
        Objects.requireNonNull(refreshTokenValidity, "refreshTokenValidity");
        Objects.requireNonNull(triggers, "triggers");
        triggers.requireSeal();
        triggers.requireAnswers();
        if (triggers.codeTtl().compareTo(authSessionValidity) > 0) {
            throw new IllegalArgumentException("code TTL " + triggers.codeTtl()
                    + " outlives the session (AuthSessionValidity " + authSessionValidity + ")");
        }
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * The fixed local pool on port 9229, with fresh random seal and answer keys (set the services' with
     * {@link #withSealKeys} and {@link #withAnswerKeys}).
     */
    public static CognitoEmulatorSettings defaults() {
        return new CognitoEmulatorSettings("127.0.0.1", DEFAULT_PORT, DEFAULT_REGION, DEFAULT_USER_POOL_ID,
                DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, PreventUserExistenceErrors.LEGACY, SHORTEST_SESSION,
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofDays(30),
                TriggerSettings.defaults(CodeSeal.fromConfig(CodeSeal.newKeyConfig("local"), "local"),
                        AnswerSignatures.fromConfig(KeyRing.newKeyConfig("local"), "local")),
                Clock.systemUTC());
    }

    /**
     * Settings from the environment, over {@link #defaults()}: {@code PHONEGATE_COGNITO_PORT},
     * {@code PHONEGATE_COGNITO_HOST}, {@code PHONEGATE_AWS_REGION}, {@code PHONEGATE_COGNITO_USER_POOL_ID},
     * {@code PHONEGATE_COGNITO_CLIENT_ID}, {@code PHONEGATE_COGNITO_CLIENT_SECRET},
     * {@code PHONEGATE_COGNITO_PREVENT_USER_EXISTENCE_ERRORS}, {@code PHONEGATE_COGNITO_AUTH_SESSION_VALIDITY}
     * (ISO-8601), and the triggers' {@code PHONEGATE_SEAL_KEYS}, {@code PHONEGATE_SEAL_SEALING_KEY_ID},
     * {@code PHONEGATE_ANSWER_KEYS}, {@code PHONEGATE_ANSWER_SIGNING_KEY_ID}, {@code PHONEGATE_CODE_LENGTH},
     * {@code PHONEGATE_CODE_TTL}, {@code PHONEGATE_MAX_ATTEMPTS}.
     */
    public static CognitoEmulatorSettings fromEnvironment(Map<String, String> env) {
        CognitoEmulatorSettings defaults = defaults();
        TriggerSettings triggers = (present(env, TriggerSettings.ENV_SEAL_KEYS)
                ? TriggerSettings.fromEnvironment(env) : defaults.triggers)
                .withAnswers(present(env, TriggerSettings.ENV_ANSWER_KEYS)
                        ? AnswerSignatures.fromConfig(env.get(TriggerSettings.ENV_ANSWER_KEYS),
                                env.get(TriggerSettings.ENV_ANSWER_SIGNING_KEY_ID))
                        : defaults.triggers.answers());
        return new CognitoEmulatorSettings(
                text(env, "PHONEGATE_COGNITO_HOST", defaults.host),
                present(env, "PHONEGATE_COGNITO_PORT") ? Integer.parseInt(env.get("PHONEGATE_COGNITO_PORT").strip()) : defaults.port,
                text(env, "PHONEGATE_AWS_REGION", defaults.region),
                text(env, "PHONEGATE_COGNITO_USER_POOL_ID", defaults.userPoolId),
                text(env, "PHONEGATE_COGNITO_CLIENT_ID", defaults.clientId),
                text(env, "PHONEGATE_COGNITO_CLIENT_SECRET", defaults.clientSecret),
                present(env, "PHONEGATE_COGNITO_PREVENT_USER_EXISTENCE_ERRORS")
                        ? PreventUserExistenceErrors.valueOf(env.get("PHONEGATE_COGNITO_PREVENT_USER_EXISTENCE_ERRORS").strip())
                        : defaults.preventUserExistenceErrors,
                present(env, "PHONEGATE_COGNITO_AUTH_SESSION_VALIDITY")
                        ? Duration.parse(env.get("PHONEGATE_COGNITO_AUTH_SESSION_VALIDITY").strip())
                        : defaults.authSessionValidity,
                defaults.accessTokenValidity, defaults.idTokenValidity, defaults.refreshTokenValidity,
                triggers, defaults.clock);
    }

    public CognitoEmulatorSettings withPort(int newPort) {
        return new CognitoEmulatorSettings(host, newPort, region, userPoolId, clientId, clientSecret,
                preventUserExistenceErrors, authSessionValidity, accessTokenValidity, idTokenValidity,
                refreshTokenValidity, triggers, clock);
    }

    /** Port 0: the system picks a free port; read it back from {@link CognitoEmulator#port()}. */
    public CognitoEmulatorSettings withFreePort() {
        return withPort(0);
    }

    /** Seal keys as configured for the services ({@code id:base64,...}); other trigger settings kept. */
    public CognitoEmulatorSettings withSealKeys(String keys, String sealingKeyId) {
        return withTriggers(new TriggerSettings(CodeSeal.fromConfig(keys, sealingKeyId),
                triggers.codeLength(), triggers.codeTtl(), triggers.maxAttempts(), triggers.answers()));
    }

    /** Answer keys as configured for the auth-gateway ({@code id:base64,...}): the Verify trigger checks its signatures with them. */
    public CognitoEmulatorSettings withAnswerKeys(String keys, String signingKeyId) {
        return withTriggers(triggers.withAnswers(AnswerSignatures.fromConfig(keys, signingKeyId)));
    }

    public CognitoEmulatorSettings withTriggers(TriggerSettings newTriggers) {
        return new CognitoEmulatorSettings(host, port, region, userPoolId, clientId, clientSecret,
                preventUserExistenceErrors, authSessionValidity, accessTokenValidity, idTokenValidity,
                refreshTokenValidity, newTriggers, clock);
    }

    public CognitoEmulatorSettings withClock(Clock newClock) {
        return new CognitoEmulatorSettings(host, port, region, userPoolId, clientId, clientSecret,
                preventUserExistenceErrors, authSessionValidity, accessTokenValidity, idTokenValidity,
                refreshTokenValidity, triggers, newClock);
    }

    public CognitoEmulatorSettings withPreventUserExistenceErrors(PreventUserExistenceErrors mode) {
        return new CognitoEmulatorSettings(host, port, region, userPoolId, clientId, clientSecret,
                mode, authSessionValidity, accessTokenValidity, idTokenValidity,
                refreshTokenValidity, triggers, clock);
    }

    public CognitoEmulatorSettings withAuthSessionValidity(Duration validity) {
        return new CognitoEmulatorSettings(host, port, region, userPoolId, clientId, clientSecret,
                preventUserExistenceErrors, validity, accessTokenValidity, idTokenValidity,
                refreshTokenValidity, triggers, clock);
    }

    /** {@code null} makes an app client without a secret (then no SECRET_HASH is expected). */
    public CognitoEmulatorSettings withClientSecret(String secret) {
        return new CognitoEmulatorSettings(host, port, region, userPoolId, clientId, secret,
                preventUserExistenceErrors, authSessionValidity, accessTokenValidity, idTokenValidity,
                refreshTokenValidity, triggers, clock);
    }

    public String issuer() {
        return "https://cognito-idp." + region + ".amazonaws.com/" + userPoolId;
    }

    /** A blank variable counts as unset: launchers pass empty values for settings they leave alone. */
    private static String text(Map<String, String> env, String name, String fallback) {
        return present(env, name) ? env.get(name).strip() : fallback;
    }

    private static boolean present(Map<String, String> env, String name) {
        return env.get(name) != null && !env.get(name).isBlank();
    }
}
