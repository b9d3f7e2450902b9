package io.phonegate.gateway.auth;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * The same shape for every number, known or not.
 *
 * @param challenge   opaque handle to send back with the code
 * @param expiresAt   when the code stops working
 * @param resendAfter when a new code may be asked for
 * @param codeLength  digits in the code
 */
public record StartResponse(
        @Schema(description = "Opaque challenge handle; send it back to /v1/auth/verify") String challenge,
        Instant expiresAt,
        Instant resendAfter,
        @Schema(example = "6") int codeLength) {
}
