package io.phonegate.devstack.cognito.users;

import io.phonegate.devstack.cognito.wire.CognitoException;

/**
 * Cognito's default password policy (at least 8 characters with lower- and upper-case letters,
 * a digit and a symbol). Phonegate's users never type a password, but SignUp still needs one
 * that the policy accepts: the gateway's throw-away password must pass it here as in AWS.
 */
public final class PasswordPolicy {

    private static final int MINIMUM_LENGTH = 8;
    private static final String PREFIX = "Password did not conform with policy: ";

    private PasswordPolicy() {
    }

    public static void check(String password) {
        if (password.length() < MINIMUM_LENGTH) {
            throw CognitoException.invalidPassword(PREFIX + "Password not long enough");
        }
        if (password.chars().noneMatch(Character::isLowerCase)) {
            throw CognitoException.invalidPassword(PREFIX + "Password must have lowercase characters");
        }
        if (password.chars().noneMatch(Character::isUpperCase)) {
            throw CognitoException.invalidPassword(PREFIX + "Password must have uppercase characters");
        }
        if (password.chars().noneMatch(Character::isDigit)) {
            throw CognitoException.invalidPassword(PREFIX + "Password must have numeric characters");
        }
        if (password.chars().allMatch(Character::isLetterOrDigit)) {
            throw CognitoException.invalidPassword(PREFIX + "Password must have symbol characters");
        }
    }
}
