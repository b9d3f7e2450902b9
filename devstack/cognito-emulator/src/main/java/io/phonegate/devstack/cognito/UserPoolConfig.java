package io.phonegate.devstack.cognito;

import io.phonegate.common.user.UserAttributes;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The user pool's own settings, as {@code DescribeUserPool} reports them and as the pool behaves.
 * {@link #phonegate()} is the pool {@code deploy-aws} makes; the {@code with…} methods make the
 * pools a team may already have. All but the sign-in attributes can be changed while the emulator
 * runs ({@link CognitoEmulator#updateUserPool}), as Cognito's {@code UpdateUserPool} can.
 *
 * @param usernameAttributes  {@code UsernameAttributes}: empty (the username is given at creation) or
 *                            {@code phone_number} (Cognito generates the username, a {@code sub}-like id)
 * @param aliasAttributes     {@code AliasAttributes}: with {@code phone_number}, usernames may not look like one
 * @param triggers            the challenge triggers attached ({@code DefineAuthChallenge}, {@code CreateAuthChallenge},
 *                            {@code VerifyAuthChallengeResponse}); CUSTOM_AUTH fails without all three
 * @param customAttributes    the schema's custom attributes (String, mutable), with their {@code custom:} prefix
 * @param requiredAttributes  standard attributes every new user must be given
 * @param mfaConfiguration    {@code OFF}, {@code ON} or {@code OPTIONAL}: reported only, MFA itself is not emulated
 * @param adminCreateUserOnly no public {@code SignUp} ({@code AllowAdminCreateUserOnly})
 * @param tier                {@code UserPoolTier}: {@code LITE}, {@code ESSENTIALS} or {@code PLUS}, reported only
 */
public record UserPoolConfig(Set<String> usernameAttributes, Set<String> aliasAttributes, Set<String> triggers,
                             Set<String> customAttributes, Set<String> requiredAttributes, String mfaConfiguration,
                             boolean adminCreateUserOnly, String tier) {

    /** Cognito's standard attributes with their data types, in the order DescribeUserPool lists them. */
    public static final List<Map.Entry<String, String>> STANDARD_ATTRIBUTES = List.of(
            Map.entry("sub", "String"), Map.entry("name", "String"), Map.entry("given_name", "String"),
            Map.entry("family_name", "String"), Map.entry("middle_name", "String"), Map.entry("nickname", "String"),
            Map.entry("preferred_username", "String"), Map.entry("profile", "String"), Map.entry("picture", "String"),
            Map.entry("website", "String"), Map.entry("email", "String"), Map.entry("email_verified", "Boolean"),
            Map.entry("gender", "String"), Map.entry("birthdate", "String"), Map.entry("zoneinfo", "String"),
            Map.entry("locale", "String"), Map.entry("phone_number", "String"),
            Map.entry("phone_number_verified", "Boolean"), Map.entry("address", "String"),
            Map.entry("updated_at", "Number"));
    public static final Set<String> CHALLENGE_TRIGGERS =
            Set.of("DefineAuthChallenge", "CreateAuthChallenge", "VerifyAuthChallengeResponse");

    public UserPoolConfig {
        usernameAttributes = sortedCopy(usernameAttributes);
        aliasAttributes = sortedCopy(aliasAttributes);
        triggers = sortedCopy(triggers);
        customAttributes = sortedCopy(customAttributes);
        requiredAttributes = sortedCopy(requiredAttributes);
        requireSubset(usernameAttributes, Set.of("phone_number", "email"), "UsernameAttributes");
        requireSubset(aliasAttributes, Set.of("phone_number", "email", "preferred_username"), "AliasAttributes");
        if (!usernameAttributes.isEmpty() && !aliasAttributes.isEmpty()) {
            throw new IllegalArgumentException("a pool has UsernameAttributes or AliasAttributes, not both");
        }
        requireSubset(triggers, CHALLENGE_TRIGGERS, "triggers");
        customAttributes.forEach(name -> {
            if (!name.matches("custom:[A-Za-z0-9_]{1,20}")) {
                throw new IllegalArgumentException("custom attribute names look like custom:name, not " + name);
            }
        });
        requireSubset(Set.of(Objects.requireNonNull(mfaConfiguration, "mfaConfiguration")), Set.of("OFF", "ON", "OPTIONAL"),
                "MfaConfiguration");
        requireSubset(Set.of(Objects.requireNonNull(tier, "tier")), Set.of("LITE", "ESSENTIALS", "PLUS"), "UserPoolTier");
    }

    /**
     * The pool {@code deploy-aws} makes: the E.164 number is the username, the three challenge triggers,
     * {@code custom:pg_completed} in the schema, nothing required, MFA off, users created by admins only, Lite.
     */
    public static UserPoolConfig phonegate() {
        return new UserPoolConfig(Set.of(), Set.of(), CHALLENGE_TRIGGERS, Set.of(UserAttributes.COMPLETED_AT),
                Set.of(), "OFF", true, "LITE");
    }

    /** The phone number is a username attribute: Cognito generates each user's username. */
    public boolean phoneNumberIsUsername() {
        return usernameAttributes.contains(UserAttributes.PHONE_NUMBER);
    }

    public UserPoolConfig withUsernameAttributes(String... names) {
        return new UserPoolConfig(Set.of(names), aliasAttributes, triggers, customAttributes, requiredAttributes,
                mfaConfiguration, adminCreateUserOnly, tier);
    }

    public UserPoolConfig withAliasAttributes(String... names) {
        return new UserPoolConfig(usernameAttributes, Set.of(names), triggers, customAttributes, requiredAttributes,
                mfaConfiguration, adminCreateUserOnly, tier);
    }

    /** Only these challenge triggers attached. */
    public UserPoolConfig withTriggers(String... names) {
        return new UserPoolConfig(usernameAttributes, aliasAttributes, Set.of(names), customAttributes,
                requiredAttributes, mfaConfiguration, adminCreateUserOnly, tier);
    }

    public UserPoolConfig withCustomAttributes(String... names) {
        return new UserPoolConfig(usernameAttributes, aliasAttributes, triggers, Set.of(names), requiredAttributes,
                mfaConfiguration, adminCreateUserOnly, tier);
    }

    public UserPoolConfig withRequiredAttributes(String... names) {
        return new UserPoolConfig(usernameAttributes, aliasAttributes, triggers, customAttributes, Set.of(names),
                mfaConfiguration, adminCreateUserOnly, tier);
    }

    public UserPoolConfig withMfaConfiguration(String mfa) {
        return new UserPoolConfig(usernameAttributes, aliasAttributes, triggers, customAttributes, requiredAttributes,
                mfa, adminCreateUserOnly, tier);
    }

    /** {@code true}: anyone with the client id (and secret) may call {@code SignUp}. */
    public UserPoolConfig withSelfSignUp(boolean allowed) {
        return new UserPoolConfig(usernameAttributes, aliasAttributes, triggers, customAttributes, requiredAttributes,
                mfaConfiguration, !allowed, tier);
    }

    private static Set<String> sortedCopy(Set<String> values) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(values)));
    }

    private static void requireSubset(Set<String> values, Set<String> allowed, String what) {
        for (String value : values) {
            if (!allowed.contains(value)) {
                throw new IllegalArgumentException(what + " may hold " + new TreeSet<>(allowed) + ", not " + value);
            }
        }
    }

    /** A comma-separated list from the environment; {@code none} is the empty list. */
    static Set<String> parseList(String value) {
        if (value.strip().equalsIgnoreCase("none")) {
            return Set.of();
        }
        return Set.copyOf(Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }
}
