package io.phonegate.devstack.cognito.users;

import io.phonegate.devstack.cognito.UserPoolConfig;
import io.phonegate.devstack.cognito.wire.CognitoException;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The pool's attribute schema: Cognito's standard attributes plus the pool's custom ones. */
final class Schema {

    private static final Set<String> STANDARD_NAMES = Set.copyOf(UserPoolConfig.STANDARD_ATTRIBUTES.stream().map(Map.Entry::getKey).toList());
    private static final Pattern E164 = Pattern.compile("\\+[0-9]{4,15}");

    private Schema() {
    }

    static boolean looksLikePhoneNumber(String value) {
        return E164.matcher(value).matches();
    }

    /** Names in the schema, a valid phone number format, {@code sub} left alone. */
    static void validate(Map<String, String> attributes, UserPoolConfig pool) {
        attributes.forEach((name, value) -> {
            if (name.equals("sub")) {
                throw CognitoException.invalidParameter("Cannot modify the non-mutable attribute sub");
            }
            if (!STANDARD_NAMES.contains(name) && !pool.customAttributes().contains(name)) {
                throw CognitoException.invalidParameter("Attributes did not conform to the schema: "
                        + name + ": Attribute does not exist in the schema.");
            }
            if (name.equals("phone_number") && !looksLikePhoneNumber(value)) {
                throw CognitoException.invalidParameter("Invalid phone number format.");
            }
        });
    }

    /** Every attribute the pool requires is given (at creation). */
    static void requireRequired(Map<String, String> attributes, UserPoolConfig pool) {
        for (String required : pool.requiredAttributes()) {
            if (attributes.get(required) == null || attributes.get(required).isEmpty()) {
                throw CognitoException.invalidParameter("Attributes did not conform to the schema: "
                        + required + ": The attribute is required");
            }
        }
    }
}
