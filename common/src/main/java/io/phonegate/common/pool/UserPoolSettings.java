package io.phonegate.common.pool;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of a user pool that Phonegate depends on, as {@code DescribeUserPool} reports them
 * (member names as in Cognito's API, {@code UserPoolType}).
 *
 * @param triggers           the {@code LambdaConfig} members that name a function, e.g. {@code DefineAuthChallenge}
 * @param schema             {@code SchemaAttributes} by name; custom ones carry their {@code custom:} prefix
 * @param usernameAttributes {@code UsernameAttributes}: empty when users sign in with a username
 * @param aliasAttributes    {@code AliasAttributes}
 * @param mfaConfiguration   {@code MfaConfiguration}: {@code OFF}, {@code ON} or {@code OPTIONAL}
 * @param adminCreateUserOnly {@code AdminCreateUserConfig.AllowAdminCreateUserOnly}: no public {@code SignUp}
 */
public record UserPoolSettings(String userPoolId, Set<String> triggers, Map<String, SchemaAttribute> schema,
                               Set<String> usernameAttributes, Set<String> aliasAttributes, String mfaConfiguration,
                               boolean adminCreateUserOnly) {

    public static final String DEFINE_AUTH_CHALLENGE = "DefineAuthChallenge";
    public static final String CREATE_AUTH_CHALLENGE = "CreateAuthChallenge";
    public static final String VERIFY_AUTH_CHALLENGE_RESPONSE = "VerifyAuthChallengeResponse";

    /** One entry of {@code SchemaAttributes}: {@code AttributeDataType}, {@code Mutable}, {@code Required}. */
    public record SchemaAttribute(String dataType, boolean mutable, boolean required) {
    }

    public UserPoolSettings {
        Objects.requireNonNull(userPoolId, "userPoolId");
        triggers = Set.copyOf(triggers);
        schema = Map.copyOf(schema);
        usernameAttributes = Set.copyOf(usernameAttributes);
        aliasAttributes = Set.copyOf(aliasAttributes);
        mfaConfiguration = mfaConfiguration == null ? "OFF" : mfaConfiguration;
    }

    /**
     * Users sign in with their phone number as a username attribute: Cognito then gives each user a
     * generated username (a {@code sub}-like id), which challenge answers and secret hashes must use.
     */
    public boolean phoneNumberIsUsername() {
        return usernameAttributes.contains("phone_number");
    }
}
