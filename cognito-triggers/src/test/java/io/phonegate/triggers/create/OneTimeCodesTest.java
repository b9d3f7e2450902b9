package io.phonegate.triggers.create;

import org.junit.jupiter.api.Test;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OneTimeCodesTest {

    private static final int SAMPLES = 20_000;

    @Test
    void codesHaveExactlyTheConfiguredNumberOfDigits() {
        for (int length : new int[] {4, 6, 8, 10}) {
            OneTimeCodes codes = new OneTimeCodes(new SecureRandom(), length);
            for (int i = 0; i < 1_000; i++) {
                assertThat(codes.next()).hasSize(length).containsOnlyDigits();
            }
        }
    }

    @Test
    void leadingZerosAreKept() {
        OneTimeCodes codes = new OneTimeCodes(seeded(), 6);
        int withLeadingZero = 0;
        for (int i = 0; i < SAMPLES; i++) {
            String code = codes.next();
            assertThat(code).hasSize(6);
            if (code.charAt(0) == '0') {
                withLeadingZero++;
            }
        }
        // a tenth of the codes start with 0; a generator that formats a number without padding would yield none
        assertThat(withLeadingZero).isBetween(SAMPLES / 10 - 400, SAMPLES / 10 + 400);
    }

    @Test
    void everyDigitPositionIsUniformlyDistributed() {
        OneTimeCodes codes = new OneTimeCodes(seeded(), 6);
        int[][] counts = new int[6][10];
        for (int i = 0; i < SAMPLES; i++) {
            String code = codes.next();
            for (int position = 0; position < 6; position++) {
                counts[position][code.charAt(position) - '0']++;
            }
        }
        double expected = SAMPLES / 10.0;
        for (int position = 0; position < 6; position++) {
            double chiSquare = 0;
            for (int digit = 0; digit < 10; digit++) {
                double diff = counts[position][digit] - expected;
                chiSquare += diff * diff / expected;
            }
            // 9 degrees of freedom: 27.88 is the 0.1% critical value
            assertThat(chiSquare).as("chi-square of position %d", position).isLessThan(27.88);
        }
    }

    @Test
    void codesDoNotRepeatInPractice() {
        OneTimeCodes codes = new OneTimeCodes(new SecureRandom(), 10);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            seen.add(codes.next());
        }
        assertThat(seen).hasSizeGreaterThan(995);
    }

    /** A SecureRandom seeded before first use is deterministic, so the statistical tests cannot flake. */
    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(20261124L);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
