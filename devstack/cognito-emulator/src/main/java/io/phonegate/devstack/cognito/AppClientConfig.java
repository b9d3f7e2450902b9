package io.phonegate.devstack.cognito;

import io.phonegate.common.user.UserAttributes;
import io.phonegate.devstack.cognito.CognitoEmulatorSettings.PreventUserExistenceErrors;

import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The app client's settings, as {@code DescribeUserPoolClient} reports them and as the client
 * behaves. {@link #phonegate()} is the client {@code deploy-aws} makes; every setting can be
 * changed while the emulator runs ({@link CognitoEmulator#updateAppClient}), as Cognito's
 * {@code UpdateUserPoolClient} can.
 *
 * @param secret                     the client secret; {@code null} for a client without one (no SECRET_HASH)
 * @param authSessionValidity        how long each {@code Session} of a custom-auth round is accepted (3-15 min)
 * @param explicitAuthFlows          {@code ALLOW_…} flows; {@code AdminInitiateAuth} refuses the others
 * @param readAttributes             what ID tokens carry besides {@code sub}; empty means every attribute
 * @param writeAttributes            what {@code SignUp} may set; empty means every standard attribute
 * @param tokenRevocation            {@code EnableTokenRevocation}: {@code RevokeToken} works
 */
public record AppClientConfig(String secret, PreventUserExistenceErrors preventUserExistenceErrors,
                              Duration authSessionValidity, Set<String> explicitAuthFlows, Set<String> readAttributes,
                              Set<String> writeAttributes, boolean tokenRevocation) {

    public static final String DEFAULT_SECRET = "phonegate-local-secret";
    private static final Duration SHORTEST_SESSION = Duration.ofMinutes(3);
    private static final Duration LONGEST_SESSION = Duration.ofMinutes(15);
    private static final Set<String> FLOWS = Set.of("ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
            "ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_AUTH");

    public AppClientConfig {
        if (secret != null && secret.isBlank()) {
            throw new IllegalArgumentException("client secret must be null (a client without one) or not blank");
        }
        Objects.requireNonNull(preventUserExistenceErrors, "preventUserExistenceErrors");
        Objects.requireNonNull(authSessionValidity, "authSessionValidity");
        if (authSessionValidity.compareTo(SHORTEST_SESSION) < 0 || authSessionValidity.compareTo(LONGEST_SESSION) > 0) {
            throw new IllegalArgumentException("AuthSessionValidity must be 3-15 minutes, was " + authSessionValidity);
        }
        explicitAuthFlows = Collections.unmodifiableSortedSet(new TreeSet<>(explicitAuthFlows));
        for (String flow : explicitAuthFlows) {
            if (!FLOWS.contains(flow)) {
                throw new IllegalArgumentException("ExplicitAuthFlows may hold " + new TreeSet<>(FLOWS) + ", not " + flow);
            }
        }
        readAttributes = Collections.unmodifiableSortedSet(new TreeSet<>(readAttributes));
        writeAttributes = Collections.unmodifiableSortedSet(new TreeSet<>(writeAttributes));
    }

    /**
     * The client {@code deploy-aws} makes: a secret, LEGACY, CUSTOM_AUTH and refresh only, a 5-minute
     * session, reads the number, its verification and the completion marker, writes only {@code locale},
     * token revocation on.
     */
    public static AppClientConfig phonegate() {
        return new AppClientConfig(DEFAULT_SECRET, PreventUserExistenceErrors.LEGACY, Duration.ofMinutes(5),
                Set.of("ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"),
                Set.of(UserAttributes.PHONE_NUMBER, UserAttributes.PHONE_NUMBER_VERIFIED, UserAttributes.COMPLETED_AT),
                Set.of("locale"), true);
    }

    public boolean allows(String flow) {
        return explicitAuthFlows.contains(flow);
    }

    /** Whether ID tokens carry the attribute. */
    public boolean reads(String attribute) {
        return readAttributes.isEmpty() || readAttributes.contains(attribute);
    }

    /** Whether {@code SignUp} may set the attribute: with no list, every standard one and no custom one. */
    public boolean writes(String attribute) {
        return writeAttributes.isEmpty() ? !attribute.startsWith("custom:") : writeAttributes.contains(attribute);
    }

    /** {@code null} makes a client without a secret. */
    public AppClientConfig withSecret(String newSecret) {
        return new AppClientConfig(newSecret, preventUserExistenceErrors, authSessionValidity, explicitAuthFlows,
                readAttributes, writeAttributes, tokenRevocation);
    }

    public AppClientConfig withPreventUserExistenceErrors(PreventUserExistenceErrors mode) {
        return new AppClientConfig(secret, mode, authSessionValidity, explicitAuthFlows, readAttributes,
                writeAttributes, tokenRevocation);
    }

    public AppClientConfig withAuthSessionValidity(Duration validity) {
        return new AppClientConfig(secret, preventUserExistenceErrors, validity, explicitAuthFlows, readAttributes,
                writeAttributes, tokenRevocation);
    }

    public AppClientConfig withExplicitAuthFlows(String... flows) {
        return new AppClientConfig(secret, preventUserExistenceErrors, authSessionValidity, Set.of(flows),
                readAttributes, writeAttributes, tokenRevocation);
    }

    /** No names: every attribute readable. */
    public AppClientConfig withReadAttributes(String... names) {
        return new AppClientConfig(secret, preventUserExistenceErrors, authSessionValidity, explicitAuthFlows,
                Set.of(names), writeAttributes, tokenRevocation);
    }

    /** No names: every standard attribute writable. */
    public AppClientConfig withWriteAttributes(String... names) {
        return new AppClientConfig(secret, preventUserExistenceErrors, authSessionValidity, explicitAuthFlows,
                readAttributes, Set.of(names), tokenRevocation);
    }

    public AppClientConfig withTokenRevocation(boolean enabled) {
        return new AppClientConfig(secret, preventUserExistenceErrors, authSessionValidity, explicitAuthFlows,
                readAttributes, writeAttributes, enabled);
    }
}
