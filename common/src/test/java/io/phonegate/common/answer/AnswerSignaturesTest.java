package io.phonegate.common.answer;

import io.phonegate.common.answer.AnswerSignatures.Check;
import io.phonegate.common.keys.KeyRing;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerSignaturesTest {

    private static final String USER = "+919876543210";
    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30.123Z");

    private final String keyA = KeyRing.newKeyConfig("a1");
    private final String keyB = KeyRing.newKeyConfig("b2");
    private final AnswerSignatures signatures = AnswerSignatures.fromConfig(keyA, "a1");

    @Test
    void aSignatureIsValidForItsUsernameAndAnswerWithinTheFreshnessEitherWay() {
        String signature = signatures.sign(USER, "123456", NOW);

        assertThat(signature).matches("v1\\.a1\\.\\d+\\.[A-Za-z0-9_-]{43}").doesNotContain("123456").doesNotContain(USER);
        assertThat(signatures.check(signature, USER, "123456", NOW)).isEqualTo(Check.VALID);
        assertThat(signatures.check(signature, USER, "123456", NOW.plus(AnswerSignatures.FRESHNESS))).isEqualTo(Check.VALID);
        assertThat(signatures.check(signature, USER, "123456", NOW.minus(AnswerSignatures.FRESHNESS))).isEqualTo(Check.VALID);
    }

    @Test
    void anotherAnswerOrUsernameOrAnAlteredTimeIsForged() {
        String signature = signatures.sign(USER, "123456", NOW);
        String[] parts = signature.split("\\.");
        String otherTime = String.join(".", parts[0], parts[1], Long.toString(NOW.toEpochMilli() + 1), parts[3]);

        assertThat(signatures.check(signature, USER, "123457", NOW)).isEqualTo(Check.FORGED);
        assertThat(signatures.check(signature, "+919876543211", "123456", NOW)).isEqualTo(Check.FORGED);
        assertThat(signatures.check(otherTime, USER, "123456", NOW)).isEqualTo(Check.FORGED);
        // Fields are length-prefixed: moving a character from the username to the answer changes the MAC.
        assertThat(signatures.check(signatures.sign("+91987654321", "0123456", NOW), USER, "123456", NOW))
                .isEqualTo(Check.FORGED);
    }

    @Test
    void aSignatureOlderOrNewerThanTheFreshnessIsStale() {
        String signature = signatures.sign(USER, "123456", NOW);

        assertThat(signatures.check(signature, USER, "123456", NOW.plus(AnswerSignatures.FRESHNESS).plusMillis(1)))
                .isEqualTo(Check.STALE);
        assertThat(signatures.check(signature, USER, "123456", NOW.minus(Duration.ofMinutes(5)))).isEqualTo(Check.STALE);
    }

    @Test
    void missingMalformedAndUnknownKeyAreNeverValid() {
        String byOtherKey = AnswerSignatures.fromConfig(keyB, null).sign(USER, "123456", NOW);
        String sameIdOtherBytes = AnswerSignatures.fromConfig(KeyRing.newKeyConfig("a1"), null).sign(USER, "123456", NOW);

        assertThat(signatures.check(null, USER, "123456", NOW)).isEqualTo(Check.MISSING);
        assertThat(signatures.check("", USER, "123456", NOW)).isEqualTo(Check.MISSING);
        assertThat(signatures.check("v1.a1.x.y", USER, "123456", NOW)).isEqualTo(Check.MALFORMED);
        assertThat(signatures.check("v2.a1.1.AAAA", USER, "123456", NOW)).isEqualTo(Check.MALFORMED);
        assertThat(signatures.check("v1.a1.1.!!!", USER, "123456", NOW)).isEqualTo(Check.MALFORMED);
        assertThat(signatures.check(signatures.sign(USER, "123456", NOW), USER, null, NOW)).isEqualTo(Check.MALFORMED);
        assertThat(signatures.check(byOtherKey, USER, "123456", NOW)).isEqualTo(Check.UNKNOWN_KEY);
        assertThat(signatures.check(sameIdOtherBytes, USER, "123456", NOW)).isEqualTo(Check.FORGED);
    }

    @Test
    void duringARotationBothKeysAreAcceptedAndTheNewOneSigns() {
        String signedBefore = signatures.sign(USER, "123456", NOW);
        AnswerSignatures during = AnswerSignatures.fromConfig(keyA + "," + keyB, "b2");

        assertThat(during.check(signedBefore, USER, "123456", NOW)).isEqualTo(Check.VALID);
        assertThat(during.sign(USER, "123456", NOW)).startsWith("v1.b2.");
        assertThat(AnswerSignatures.fromConfig(keyB, null).check(signedBefore, USER, "123456", NOW))
                .isEqualTo(Check.UNKNOWN_KEY);
    }
}
