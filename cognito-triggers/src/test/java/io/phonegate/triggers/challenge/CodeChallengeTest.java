package io.phonegate.triggers.challenge;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CodeChallengeTest {

    private final CodeChallenge challenge =
            new CodeChallenge("abc_-123", Instant.parse("2026-11-24T10:03:00Z"), "v1.k1.AAAA-_bb");

    @Test
    void metadataRoundTrips() {
        assertThat(CodeChallenge.fromMetadata(challenge.toMetadata())).contains(challenge);
    }

    @Test
    void privateParametersRoundTrip() {
        assertThat(CodeChallenge.fromPrivateParameters(challenge.toPrivateParameters())).contains(challenge);
    }

    @Test
    void metadataFromAnotherChallengeIsNotACode() {
        assertThat(CodeChallenge.fromMetadata("CAPTCHA_CHALLENGE")).isEmpty();
        assertThat(CodeChallenge.fromMetadata(null)).isEmpty();
        assertThat(CodeChallenge.fromMetadata("phonegate-code-v1|id|not-an-instant|v1.k1.x")).isEmpty();
    }

    @Test
    void privateParametersWithoutExpiryAreNotACode() {
        assertThat(CodeChallenge.fromPrivateParameters(Map.of("challengeId", "id", "sealedCode", "v1.k1.x"))).isEmpty();
    }

    @Test
    void codeExpiresAtItsExpiryInstant() {
        assertThat(challenge.expiredAt(Instant.parse("2026-11-24T10:02:59.999Z"))).isFalse();
        assertThat(challenge.expiredAt(Instant.parse("2026-11-24T10:03:00Z"))).isTrue();
    }
}
