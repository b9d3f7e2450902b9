package io.phonegate.devstack.cognito;

import io.phonegate.common.answer.AnswerSignatures;
import io.phonegate.common.keys.KeyRing;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.common.testnumber.TestNumbers;
import io.phonegate.triggers.challenge.TriggerSettings;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One user pool with one app client, created when the emulator starts. The defaults are the
 * fixed local pool of DESIGN's "Local defaults", set up as {@code deploy-aws} sets up a real one,
 * so scripts and the AWS CLI can find it.
 *
 * @param host        address to bind; loopback by default
 * @param port        0 picks a free port
 * @param userPool    the pool's own settings (sign-in attributes, triggers, schema, self sign-up, …)
 * @param appClient   the app client's settings (secret, PreventUserExistenceErrors, flows, session, …)
 * @param triggers    what the Define/Create/Verify triggers are run with (seal and answer keys, code rules)
 * @param clock       time for sessions, codes and tokens; tests move it by hand
 */
public record CognitoEmulatorSettings(
        String host,
        int port,
        String region,
        String userPoolId,
        String clientId,
        UserPoolConfig userPool,
        AppClientConfig appClient,
        Duration accessTokenValidity,
        Duration idTokenValidity,
        Duration refreshTokenValidity,
        TriggerSettings triggers,
        Clock clock) {

    public static final int DEFAULT_PORT = 9229;
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_USER_POOL_ID = "us-east-1_phonegate";
    public static final String DEFAULT_CLIENT_ID = "phonegatelocalclient";
    public static final String DEFAULT_CLIENT_SECRET = AppClientConfig.DEFAULT_SECRET;

    /** The app client's {@code PreventUserExistenceErrors}. */
    public enum PreventUserExistenceErrors {
        /** Unknown users get {@code UserNotFoundException}. */
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
        Objects.requireNonNull(userPool, "userPool");
        Objects.requireNonNull(appClient, "appClient");
        Objects.requireNonNull(accessTokenValidity, "accessTokenValidity");
        Objects.requireNonNull(idTokenValidity, "idTokenValidity");
        Objects.requireNonNull(refreshTokenValidity, "refreshTokenValidity");
        Objects.requireNonNull(triggers, "triggers");
        triggers.requireSeal();
        triggers.requireAnswers();
        if (triggers.codeTtl().compareTo(appClient.authSessionValidity()) > 0) {
            throw new IllegalArgumentException("code TTL " + triggers.codeTtl()
                    + " outlives the session (AuthSessionValidity " + appClient.authSessionValidity() + ")");
        }
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * The fixed local pool on port 9229, with fresh random seal and answer keys (set the services' with
     * {@link #withSealKeys} and {@link #withAnswerKeys}).
     */
    public static CognitoEmulatorSettings defaults() {
        return new CognitoEmulatorSettings("127.0.0.1", DEFAULT_PORT, DEFAULT_REGION, DEFAULT_USER_POOL_ID,
                DEFAULT_CLIENT_ID, UserPoolConfig.phonegate(), AppClientConfig.phonegate(),
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofDays(30),
                TriggerSettings.defaults(CodeSeal.fromConfig(CodeSeal.newKeyConfig("local"), "local"),
                        AnswerSignatures.fromConfig(KeyRing.newKeyConfig("local"), "local")),
                Clock.systemUTC());
    }

    /**
     * Settings from the environment, over {@link #defaults()} (a blank variable keeps the default; a list
     * is comma-separated, {@code none} for the empty list):
     * <ul>
     *   <li>{@code PHONEGATE_COGNITO_HOST}, {@code PHONEGATE_COGNITO_PORT}, {@code PHONEGATE_AWS_REGION},
     *       {@code PHONEGATE_COGNITO_USER_POOL_ID}, {@code PHONEGATE_COGNITO_CLIENT_ID};</li>
     *   <li>the pool: {@code PHONEGATE_COGNITO_USERNAME_ATTRIBUTES}, {@code PHONEGATE_COGNITO_ALIAS_ATTRIBUTES},
     *       {@code PHONEGATE_COGNITO_TRIGGERS}, {@code PHONEGATE_COGNITO_CUSTOM_ATTRIBUTES},
     *       {@code PHONEGATE_COGNITO_REQUIRED_ATTRIBUTES}, {@code PHONEGATE_COGNITO_MFA},
     *       {@code PHONEGATE_COGNITO_SELF_SIGN_UP};</li>
     *   <li>the client: {@code PHONEGATE_COGNITO_CLIENT_SECRET} ({@code none}: no secret),
     *       {@code PHONEGATE_COGNITO_PREVENT_USER_EXISTENCE_ERRORS}, {@code PHONEGATE_COGNITO_AUTH_SESSION_VALIDITY}
     *       (ISO-8601), {@code PHONEGATE_COGNITO_AUTH_FLOWS}, {@code PHONEGATE_COGNITO_READ_ATTRIBUTES},
     *       {@code PHONEGATE_COGNITO_WRITE_ATTRIBUTES} ({@code none}: not set), {@code PHONEGATE_COGNITO_TOKEN_REVOCATION};</li>
     *   <li>the triggers' {@code PHONEGATE_SEAL_KEYS}, {@code PHONEGATE_SEAL_SEALING_KEY_ID},
     *       {@code PHONEGATE_ANSWER_KEYS}, {@code PHONEGATE_ANSWER_SIGNING_KEY_ID},
     *       {@code PHONEGATE_CODE_LENGTH}, {@code PHONEGATE_CODE_TTL}, {@code PHONEGATE_MAX_ATTEMPTS},
     *       {@code PHONEGATE_TEST_NUMBERS}.</li>
     * </ul>
     */
    public static CognitoEmulatorSettings fromEnvironment(Map<String, String> env) {
        CognitoEmulatorSettings defaults = defaults();
        TriggerSettings triggers = (present(env, TriggerSettings.ENV_SEAL_KEYS)
                ? TriggerSettings.fromEnvironment(env) : defaults.triggers)
                .withAnswers(present(env, TriggerSettings.ENV_ANSWER_KEYS)
                        ? AnswerSignatures.fromConfig(env.get(TriggerSettings.ENV_ANSWER_KEYS),
                                env.get(TriggerSettings.ENV_ANSWER_SIGNING_KEY_ID))
                        : defaults.triggers.answers())
                .withTestNumbers(TestNumbers.parse(env.get(TestNumbers.ENV)));
        UserPoolConfig pool = defaults.userPool;
        AppClientConfig client = defaults.appClient;
        return new CognitoEmulatorSettings(
                text(env, "PHONEGATE_COGNITO_HOST", defaults.host),
                present(env, "PHONEGATE_COGNITO_PORT") ? Integer.parseInt(env.get("PHONEGATE_COGNITO_PORT").strip()) : defaults.port,
                text(env, "PHONEGATE_AWS_REGION", defaults.region),
                text(env, "PHONEGATE_COGNITO_USER_POOL_ID", defaults.userPoolId),
                text(env, "PHONEGATE_COGNITO_CLIENT_ID", defaults.clientId),
                new UserPoolConfig(
                        value(env, "PHONEGATE_COGNITO_USERNAME_ATTRIBUTES", UserPoolConfig::parseList, pool.usernameAttributes()),
                        value(env, "PHONEGATE_COGNITO_ALIAS_ATTRIBUTES", UserPoolConfig::parseList, pool.aliasAttributes()),
                        value(env, "PHONEGATE_COGNITO_TRIGGERS", UserPoolConfig::parseList, pool.triggers()),
                        value(env, "PHONEGATE_COGNITO_CUSTOM_ATTRIBUTES", UserPoolConfig::parseList, pool.customAttributes()),
                        value(env, "PHONEGATE_COGNITO_REQUIRED_ATTRIBUTES", UserPoolConfig::parseList, pool.requiredAttributes()),
                        text(env, "PHONEGATE_COGNITO_MFA", pool.mfaConfiguration()),
                        !value(env, "PHONEGATE_COGNITO_SELF_SIGN_UP", CognitoEmulatorSettings::bool, !pool.adminCreateUserOnly()),
                        pool.tier()),
                new AppClientConfig(
                        value(env, "PHONEGATE_COGNITO_CLIENT_SECRET", s -> s.equalsIgnoreCase("none") ? null : s, client.secret()),
                        value(env, "PHONEGATE_COGNITO_PREVENT_USER_EXISTENCE_ERRORS", PreventUserExistenceErrors::valueOf,
                                client.preventUserExistenceErrors()),
                        value(env, "PHONEGATE_COGNITO_AUTH_SESSION_VALIDITY", Duration::parse, client.authSessionValidity()),
                        value(env, "PHONEGATE_COGNITO_AUTH_FLOWS", UserPoolConfig::parseList, client.explicitAuthFlows()),
                        value(env, "PHONEGATE_COGNITO_READ_ATTRIBUTES", UserPoolConfig::parseList, client.readAttributes()),
                        value(env, "PHONEGATE_COGNITO_WRITE_ATTRIBUTES", UserPoolConfig::parseList, client.writeAttributes()),
                        value(env, "PHONEGATE_COGNITO_TOKEN_REVOCATION", CognitoEmulatorSettings::bool, client.tokenRevocation())),
                defaults.accessTokenValidity, defaults.idTokenValidity, defaults.refreshTokenValidity,
                triggers, defaults.clock);
    }

    /** The client secret; {@code null} when the app client has none. */
    public String clientSecret() {
        return appClient.secret();
    }

    public PreventUserExistenceErrors preventUserExistenceErrors() {
        return appClient.preventUserExistenceErrors();
    }

    public Duration authSessionValidity() {
        return appClient.authSessionValidity();
    }

    public CognitoEmulatorSettings withPort(int newPort) {
        return new CognitoEmulatorSettings(host, newPort, region, userPoolId, clientId, userPool, appClient,
                accessTokenValidity, idTokenValidity, refreshTokenValidity, triggers, clock);
    }

    /** Port 0: the system picks a free port; read it back from {@link CognitoEmulator#port()}. */
    public CognitoEmulatorSettings withFreePort() {
        return withPort(0);
    }

    /** Seal keys as configured for the services ({@code id:base64,...}); other trigger settings kept. */
    public CognitoEmulatorSettings withSealKeys(String keys, String sealingKeyId) {
        return withTriggers(new TriggerSettings(CodeSeal.fromConfig(keys, sealingKeyId),
                triggers.codeLength(), triggers.codeTtl(), triggers.maxAttempts(), triggers.answers(),
                triggers.testNumbers()));
    }

    /** Numbers whose code the Create trigger makes fixed, in the gateway's format ({@code PHONEGATE_TEST_NUMBERS}). */
    public CognitoEmulatorSettings withTestNumbers(String setting) {
        return withTriggers(triggers.withTestNumbers(TestNumbers.parse(setting)));
    }

    /** Answer keys as configured for the auth-gateway ({@code id:base64,...}): the Verify trigger checks its signatures with them. */
    public CognitoEmulatorSettings withAnswerKeys(String keys, String signingKeyId) {
        return withTriggers(triggers.withAnswers(AnswerSignatures.fromConfig(keys, signingKeyId)));
    }

    public CognitoEmulatorSettings withTriggers(TriggerSettings newTriggers) {
        return new CognitoEmulatorSettings(host, port, region, userPoolId, clientId, userPool, appClient,
                accessTokenValidity, idTokenValidity, refreshTokenValidity, newTriggers, clock);
    }

    public CognitoEmulatorSettings withClock(Clock newClock) {
        return new CognitoEmulatorSettings(host, port, region, userPoolId, clientId, userPool, appClient,
                accessTokenValidity, idTokenValidity, refreshTokenValidity, triggers, newClock);
    }

    public CognitoEmulatorSettings withUserPool(UserPoolConfig pool) {
        return new CognitoEmulatorSettings(host, port, region, userPoolId, clientId, pool, appClient,
                accessTokenValidity, idTokenValidity, refreshTokenValidity, triggers, clock);
    }

    public CognitoEmulatorSettings withAppClient(AppClientConfig client) {
        return new CognitoEmulatorSettings(host, port, region, userPoolId, clientId, userPool, client,
                accessTokenValidity, idTokenValidity, refreshTokenValidity, triggers, clock);
    }

    public CognitoEmulatorSettings withPreventUserExistenceErrors(PreventUserExistenceErrors mode) {
        return withAppClient(appClient.withPreventUserExistenceErrors(mode));
    }

    public CognitoEmulatorSettings withAuthSessionValidity(Duration validity) {
        return withAppClient(appClient.withAuthSessionValidity(validity));
    }

    /** {@code null} makes an app client without a secret (then no SECRET_HASH is expected). */
    public CognitoEmulatorSettings withClientSecret(String secret) {
        return withAppClient(appClient.withSecret(secret));
    }

    public String issuer() {
        return "https://cognito-idp." + region + ".amazonaws.com/" + userPoolId;
    }

    /** A blank variable counts as unset: launchers pass empty values for settings they leave alone. */
    private static String text(Map<String, String> env, String name, String fallback) {
        return present(env, name) ? env.get(name).strip() : fallback;
    }

    private static <T> T value(Map<String, String> env, String name, Function<String, T> parse, T fallback) {
        if (!present(env, name)) {
            return fallback;
        }
        try {
            return parse.apply(env.get(name).strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " is malformed: " + e.getMessage(), e);
        }
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("true or false, not " + value);
        };
    }

    private static boolean present(Map<String, String> env, String name) {
        return env.get(name) != null && !env.get(name).isBlank();
    }
}
