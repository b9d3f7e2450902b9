package io.phonegate.triggers.challenge;

import io.phonegate.common.challenge.ChallengeParameters;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One code as the triggers remember it between rounds: never the plaintext, only the code
 * sealed for the user's phone, with its id and expiry. Create writes it to
 * {@code challengeMetadata} (which later Define and Create calls see in {@code request.session})
 * and to {@code privateChallengeParameters} (which Verify sees).
 */
public record CodeChallenge(String challengeId, Instant expiresAt, String sealedCode) {

    private static final String METADATA_PREFIX = "phonegate-code-v1";
    private static final String SEPARATOR = "|";

    public CodeChallenge {
        Objects.requireNonNull(challengeId, "challengeId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(sealedCode, "sealedCode");
        if (challengeId.contains(SEPARATOR) || sealedCode.contains(SEPARATOR)) {
            throw new IllegalArgumentException("challenge id and sealed code must not contain '" + SEPARATOR + "'");
        }
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** {@code phonegate-code-v1|<challengeId>|<expiresAt>|<sealedCode>} */
    public String toMetadata() {
        return String.join(SEPARATOR, METADATA_PREFIX, challengeId, expiresAt.toString(), sealedCode);
    }

    /** @return empty when the metadata was not written by {@link #toMetadata()} (another challenge, or tampered) */
    public static Optional<CodeChallenge> fromMetadata(String metadata) {
        if (metadata == null) {
            return Optional.empty();
        }
        String[] parts = metadata.split("\\|", -1);
        if (parts.length != 4 || !METADATA_PREFIX.equals(parts[0])) {
            return Optional.empty();
        }
        return of(parts[1], parts[2], parts[3]);
    }

    public Map<String, String> toPrivateParameters() {
        return Map.of(
                ChallengeParameters.CHALLENGE_ID, challengeId,
                ChallengeParameters.EXPIRES_AT, expiresAt.toString(),
                ChallengeParameters.SEALED_CODE, sealedCode);
    }

    /** @return empty when a parameter is missing or malformed */
    public static Optional<CodeChallenge> fromPrivateParameters(Map<String, String> parameters) {
        return of(parameters.get(ChallengeParameters.CHALLENGE_ID),
                parameters.get(ChallengeParameters.EXPIRES_AT),
                parameters.get(ChallengeParameters.SEALED_CODE));
    }

    private static Optional<CodeChallenge> of(String challengeId, String expiresAt, String sealedCode) {
        if (challengeId == null || challengeId.isEmpty() || expiresAt == null || sealedCode == null || sealedCode.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CodeChallenge(challengeId, Instant.parse(expiresAt), sealedCode));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
