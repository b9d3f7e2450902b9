package io.phonegate.common.pool;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of an app client that Phonegate depends on, as {@code DescribeUserPoolClient} reports
 * them (member names as in Cognito's API, {@code UserPoolClientType}).
 *
 * @param secret                     whether the client has a secret and whether it is the one configured
 * @param explicitAuthFlows          {@code ExplicitAuthFlows} as reported; empty when none was set
 * @param authSessionValidity        {@code AuthSessionValidity}; {@code null} when not reported (Cognito's default, 3 min)
 * @param readAttributes             {@code ReadAttributes}; empty when not set (every attribute readable)
 * @param writeAttributes            {@code WriteAttributes}; empty when not set (every standard attribute writable)
 * @param preventUserExistenceErrors {@code PreventUserExistenceErrors}; {@code null} when not reported (LEGACY)
 * @param tokenRevocation            {@code EnableTokenRevocation}
 */
public record AppClientSettings(String clientId, Secret secret, Set<String> explicitAuthFlows,
                                Duration authSessionValidity, Set<String> readAttributes, Set<String> writeAttributes,
                                String preventUserExistenceErrors, boolean tokenRevocation) {

    /** Cognito's session length when the client does not set one. */
    public static final Duration DEFAULT_AUTH_SESSION_VALIDITY = Duration.ofMinutes(3);
    /** The flows an app client allows when {@code ExplicitAuthFlows} was never set. */
    public static final Set<String> DEFAULT_AUTH_FLOWS =
            Set.of("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH");

    /** The client's secret, compared by whoever read the settings with the one it was configured with. */
    public enum Secret {
        /** The client has no secret. */
        NONE,
        /** The client's secret is the one configured. */
        CONFIGURED,
        /** The client has a secret, and it is not the one configured. */
        OTHER
    }

    public AppClientSettings {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secret, "secret");
        explicitAuthFlows = Set.copyOf(explicitAuthFlows);
        authSessionValidity = authSessionValidity == null ? DEFAULT_AUTH_SESSION_VALIDITY : authSessionValidity;
        readAttributes = Set.copyOf(readAttributes);
        writeAttributes = Set.copyOf(writeAttributes);
        preventUserExistenceErrors = preventUserExistenceErrors == null ? "LEGACY" : preventUserExistenceErrors;
    }

    /** The flows the client allows: those set, or Cognito's defaults when none were. */
    public Set<String> allowedFlows() {
        return explicitAuthFlows.isEmpty() ? DEFAULT_AUTH_FLOWS : explicitAuthFlows;
    }
}
