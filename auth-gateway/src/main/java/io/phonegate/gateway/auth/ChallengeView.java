package io.phonegate.gateway.auth;

import io.phonegate.common.challenge.ChallengeParameters;
import io.phonegate.common.event.OtpPurpose;

import java.time.Instant;
import java.util.Map;

/**
 * The public challenge parameters the Create trigger returned, read into types. Missing or
 * malformed ones mean the triggers and the gateway disagree: a deployment error, not the client's.
 */
record ChallengeView(String sealedCode, String challengeId, Instant expiresAt, OtpPurpose purpose, int codeLength,
                     int attemptsLeft, boolean retry, boolean testNumber) {

    static ChallengeView of(Map<String, String> parameters) {
        try {
            return new ChallengeView(
                    required(parameters, ChallengeParameters.SEALED_CODE),
                    required(parameters, ChallengeParameters.CHALLENGE_ID),
                    Instant.parse(required(parameters, ChallengeParameters.EXPIRES_AT)),
                    OtpPurpose.valueOf(required(parameters, ChallengeParameters.PURPOSE)),
                    Integer.parseInt(required(parameters, ChallengeParameters.CODE_LENGTH)),
                    Integer.parseInt(required(parameters, ChallengeParameters.ATTEMPTS_LEFT)),
                    Boolean.parseBoolean(parameters.get(ChallengeParameters.RETRY)),
                    Boolean.parseBoolean(parameters.get(ChallengeParameters.TEST_NUMBER)));
        } catch (RuntimeException e) {
            throw new IllegalStateException("the Create trigger's challenge parameters are not as the gateway expects ("
                    + parameters.keySet() + "): " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }

    @Override
    public String toString() {
        return "ChallengeView[challengeId=" + challengeId + ", purpose=" + purpose + ", retry=" + retry
                + ", testNumber=" + testNumber + "]";
    }
}
