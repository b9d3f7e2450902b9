package io.phonegate.triggers.create;

import java.security.SecureRandom;

/** Numeric one-time codes: each digit drawn uniformly from a {@link SecureRandom}; leading zeros kept. */
final class OneTimeCodes {

    private final SecureRandom random;
    private final int length;

    OneTimeCodes(SecureRandom random, int length) {
        this.random = random;
        this.length = length;
    }

    String next() {
        char[] digits = new char[length];
        for (int i = 0; i < length; i++) {
            digits[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(digits);
    }
}
