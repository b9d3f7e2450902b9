package io.phonegate.gateway.cognito;

import java.security.SecureRandom;

/**
 * Passwords that meet Cognito's default policy (at least 8 characters with upper and lower
 * case, a digit and a symbol) for users who never use one: made, sent once in {@code SignUp},
 * and forgotten. Never stored, logged or returned.
 */
final class RandomPassword {

    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final String SYMBOLS = "^$*.[]{}()?!@#%&/,><:;|_~";
    private static final String ALL = UPPER + LOWER + DIGITS + SYMBOLS;
    private static final int LENGTH = 40;

    private final SecureRandom random = new SecureRandom();

    String next() {
        char[] password = new char[LENGTH];
        password[0] = pick(UPPER);
        password[1] = pick(LOWER);
        password[2] = pick(DIGITS);
        password[3] = pick(SYMBOLS);
        for (int i = 4; i < LENGTH; i++) {
            password[i] = pick(ALL);
        }
        for (int i = LENGTH - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char swap = password[i];
            password[i] = password[j];
            password[j] = swap;
        }
        return new String(password);
    }

    private char pick(String alphabet) {
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }
}
