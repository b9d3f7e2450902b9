package io.phonegate.gateway.auth;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * The same shape for every number, known or not: times always with exactly three fraction digits
 * ({@code 2026-11-24T10:03:00.000Z}), so no answer is shorter or longer for a reason of its own.
 *
 * @param challenge   opaque handle to send back with the code
 * @param expiresAt   when the code stops working
 * @param resendAfter when a new code may be asked for
 * @param codeLength  digits in the code
 */
public record StartResponse(
        @Schema(description = "Opaque challenge handle; send it back to /v1/auth/verify") String challenge,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = MILLIS, timezone = "UTC")
        @Schema(example = "2026-11-24T10:03:00.000Z") Instant expiresAt,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = MILLIS, timezone = "UTC")
        @Schema(example = "2026-11-24T10:00:30.000Z") Instant resendAfter,
        @Schema(example = "6") int codeLength) {

    static final String MILLIS = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";
}
