package io.phonegate.devstack.cognito.users;

import io.phonegate.devstack.cognito.wire.CognitoException;

import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ListUsers' {@code Filter}: {@code name = "value"} (exact) or {@code name ^= "prefix"}, on the
 * attributes Cognito lets one search. Not custom attributes and not {@code *_verified}, as in Cognito.
 */
final class UserFilter {

    private static final Pattern SYNTAX = Pattern.compile("\\s*([\\w:]+)\\s*(\\^?=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");
    private static final Set<String> SEARCHABLE = Set.of(
            "username", "email", "phone_number", "name", "given_name", "family_name", "preferred_username",
            "cognito:user_status", "status", "sub");

    private UserFilter() {
    }

    static Predicate<User> parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return user -> true;
        }
        if (filter.length() > 256) {
            throw CognitoException.invalidParameter("1 validation error detected: Value at 'filter' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 256");
        }
        Matcher matcher = SYNTAX.matcher(filter);
        if (!matcher.matches()) {
            throw CognitoException.invalidParameter("Error while parsing filter.");
        }
        String name = matcher.group(1);
        boolean prefix = matcher.group(2).equals("^=");
        String value = matcher.group(3).replaceAll("\\\\(.)", "$1");
        if (!SEARCHABLE.contains(name)) {
            throw CognitoException.invalidParameter("Invalid search attribute: " + name);
        }
        return user -> {
            String actual = valueOf(user, name);
            return actual != null && (prefix ? actual.startsWith(value) : actual.equals(value));
        };
    }

    private static String valueOf(User user, String name) {
        return switch (name) {
            case "username" -> user.username();
            case "cognito:user_status" -> user.status().name();
            case "status" -> user.enabled() ? "Enabled" : "Disabled";
            case "sub" -> user.sub();
            default -> user.attributes().get(name);
        };
    }
}
