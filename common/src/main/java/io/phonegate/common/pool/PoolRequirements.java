package io.phonegate.common.pool;

import io.phonegate.common.user.UserAttributes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What Phonegate needs from a user pool and its app client, checked against the settings Cognito
 * reports. The gateway checks everything it relies on; the reaper only what its deletion rule
 * relies on. Each mismatch names the setting, what it is, and why it matters.
 */
public final class PoolRequirements {

    private static final Set<String> CHALLENGE_TRIGGERS = Set.of(UserPoolSettings.DEFINE_AUTH_CHALLENGE,
            UserPoolSettings.CREATE_AUTH_CHALLENGE, UserPoolSettings.VERIFY_AUTH_CHALLENGE_RESPONSE);
    private static final Set<String> REQUIRED_FLOWS = Set.of("ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");
    /** Only the gateway's admin calls may write these: a user writing them could verify any number. */
    private static final Set<String> ADMIN_ONLY = Set.of(UserAttributes.PHONE_NUMBER,
            UserAttributes.PHONE_NUMBER_VERIFIED, UserAttributes.COMPLETED_AT);
    /** The gateway reads these from the ID token to tell a completed sign-up from a pending one. */
    private static final Set<String> READ_BY_GATEWAY = Set.of(UserAttributes.PHONE_NUMBER_VERIFIED,
            UserAttributes.COMPLETED_AT);
    /** The attributes the gateway sets when it creates a user (sub is Cognito's own). */
    private static final Set<String> SET_AT_CREATION = Set.of(UserAttributes.SUB, UserAttributes.PHONE_NUMBER,
            UserAttributes.PHONE_NUMBER_VERIFIED);

    private PoolRequirements() {
    }

    /**
     * Everything the gateway relies on.
     *
     * @param codeTtl how long a code lives: the client's session must outlive it
     */
    public static PoolVerdict ofGateway(UserPoolSettings pool, AppClientSettings client, Duration codeTtl) {
        List<String> mismatches = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        checkTriggers(pool, mismatches);
        checkSchema(pool, mismatches);
        checkSignIn(pool, mismatches);
        checkMfa(pool, mismatches, warnings);
        if (!pool.adminCreateUserOnly()) {
            warnings.add("AdminCreateUserConfig.AllowAdminCreateUserOnly is false: self sign-up is on, so anyone"
                    + " holding the client secret can create users through the public SignUp API;"
                    + " the gateway creates users with admin calls only");
        }
        checkClient(client, codeTtl, mismatches, warnings);
        return new PoolVerdict(subject(pool.userPoolId(), client.clientId()), mismatches, warnings);
    }

    /** What the reaper's deletion rule relies on: the completion marker and how users are named. */
    public static PoolVerdict ofReaper(UserPoolSettings pool) {
        List<String> mismatches = new ArrayList<>();
        checkSchema(pool, mismatches);
        checkSignIn(pool, mismatches);
        return new PoolVerdict(subject(pool.userPoolId(), null), mismatches, List.of());
    }

    public static String subject(String userPoolId, String clientId) {
        return "user pool " + userPoolId + (clientId == null ? "" : ", app client " + clientId);
    }

    private static void checkTriggers(UserPoolSettings pool, List<String> mismatches) {
        Set<String> missing = new TreeSet<>(CHALLENGE_TRIGGERS);
        missing.removeAll(pool.triggers());
        if (!missing.isEmpty()) {
            mismatches.add("LambdaConfig has no " + String.join(", ", missing)
                    + " trigger: the custom auth flow needs the three cognito-triggers functions attached");
        }
    }

    private static void checkSchema(UserPoolSettings pool, List<String> mismatches) {
        UserPoolSettings.SchemaAttribute completed = pool.schema().get(UserAttributes.COMPLETED_AT);
        if (completed == null) {
            mismatches.add("SchemaAttributes has no " + UserAttributes.COMPLETED_AT + " (String, mutable):"
                    + " the gateway marks completed sign-ups with it, and without it the reaper could delete a"
                    + " real user whose number an admin changed");
        } else if (!"String".equals(completed.dataType()) || !completed.mutable()) {
            mismatches.add("SchemaAttributes defines " + UserAttributes.COMPLETED_AT + " as "
                    + (completed.mutable() ? "mutable " : "immutable ") + completed.dataType()
                    + "; it must be a mutable String");
        }
        Set<String> required = pool.schema().entrySet().stream()
                .filter(e -> e.getValue().required() && !SET_AT_CREATION.contains(e.getKey()))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        if (!required.isEmpty()) {
            mismatches.add("SchemaAttributes requires " + String.join(", ", required)
                    + ": the gateway creates users with phone_number only, so Cognito would refuse every new user");
        }
    }

    private static void checkSignIn(UserPoolSettings pool, List<String> mismatches) {
        if (!pool.usernameAttributes().isEmpty() && !pool.phoneNumberIsUsername()) {
            mismatches.add("UsernameAttributes is " + sorted(pool.usernameAttributes())
                    + ": users sign in with their phone number, so it must be empty (the number is the username)"
                    + " or include phone_number");
        }
        if (pool.aliasAttributes().contains(UserAttributes.PHONE_NUMBER)) {
            mismatches.add("AliasAttributes includes phone_number: Cognito then refuses usernames that look like"
                    + " phone numbers, which is what Phonegate names its users; use UsernameAttributes [phone_number]"
                    + " or no alias");
        }
    }

    private static void checkMfa(UserPoolSettings pool, List<String> mismatches, List<String> warnings) {
        switch (pool.mfaConfiguration()) {
            case "OFF" -> { }
            case "OPTIONAL" -> warnings.add("MfaConfiguration is OPTIONAL: a user who turned MFA on would be asked"
                    + " a second factor after the code, which the gateway cannot answer");
            default -> mismatches.add("MfaConfiguration is " + pool.mfaConfiguration()
                    + ": Cognito would ask every user a second factor after the code, which the gateway cannot"
                    + " answer; the SMS code is the factor, set it to OFF");
        }
    }

    private static void checkClient(AppClientSettings client, Duration codeTtl, List<String> mismatches,
                                    List<String> warnings) {
        switch (client.secret()) {
            case NONE -> mismatches.add("the app client has no ClientSecret: anyone with its id could run the"
                    + " custom flow through Cognito's public API; create a client with a secret");
            case OTHER -> mismatches.add("ClientSecret is not the one configured (phonegate.cognito.client-secret):"
                    + " every call's SECRET_HASH would be refused");
            case CONFIGURED -> { }
        }
        Set<String> missingFlows = new TreeSet<>(REQUIRED_FLOWS);
        missingFlows.removeAll(client.allowedFlows());
        if (!missingFlows.isEmpty()) {
            mismatches.add("ExplicitAuthFlows " + sorted(client.allowedFlows()) + " lacks "
                    + String.join(", ", missingFlows) + ": the gateway logs in with CUSTOM_AUTH and refreshes tokens");
        }
        Set<String> extraFlows = new TreeSet<>(client.allowedFlows());
        extraFlows.removeAll(REQUIRED_FLOWS);
        if (!extraFlows.isEmpty()) {
            warnings.add("ExplicitAuthFlows also allows " + String.join(", ", extraFlows)
                    + ", which the gateway never uses");
        }
        if (client.authSessionValidity().compareTo(codeTtl) < 0) {
            mismatches.add("AuthSessionValidity is " + minutes(client.authSessionValidity())
                    + ", shorter than a code's lifetime (" + minutes(codeTtl) + ", phonegate.gateway.code-ttl):"
                    + " Cognito would end the session while the code is still valid; raise it to at least that");
        }
        String why = ": a user's access token could change or verify its own number; list only harmless"
                + " attributes (e.g. locale)";
        Set<String> writable = intersection(client.writeAttributes(), ADMIN_ONLY);
        if (client.writeAttributes().isEmpty()) {
            mismatches.add("WriteAttributes is not set, so the client may write every standard attribute,"
                    + " phone_number and phone_number_verified included" + why);
        } else if (!writable.isEmpty()) {
            mismatches.add("WriteAttributes lets the client write " + String.join(", ", writable) + why);
        }
        if (!client.readAttributes().isEmpty()) {
            Set<String> unreadable = new TreeSet<>(READ_BY_GATEWAY);
            unreadable.removeAll(client.readAttributes());
            if (!unreadable.isEmpty()) {
                mismatches.add("ReadAttributes lacks " + String.join(", ", unreadable)
                        + ": ID tokens would not carry it, and the gateway tells completed sign-ups by what they carry");
            }
            if (!client.readAttributes().contains(UserAttributes.PHONE_NUMBER)) {
                warnings.add("ReadAttributes lacks phone_number: ID tokens will not show the number");
            }
        }
        if (!Set.of("LEGACY", "ENABLED").contains(client.preventUserExistenceErrors())) {
            mismatches.add("PreventUserExistenceErrors is " + client.preventUserExistenceErrors()
                    + ": Phonegate knows LEGACY and ENABLED");
        }
        if (!client.tokenRevocation()) {
            mismatches.add("EnableTokenRevocation is false: logout could not revoke refresh tokens");
        }
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new TreeSet<>(a);
        both.retainAll(b);
        return both;
    }

    private static String sorted(Set<String> values) {
        return new TreeSet<>(values).toString();
    }

    private static String minutes(Duration duration) {
        return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }
}
