package io.phonegate.gateway.auth;

import io.swagger.v3.oas.annotations.media.Schema;

/** The number, the challenge handle from the start (or from the last wrong answer) and the code. */
public record VerifyRequest(
        @Schema(example = "+919876543210", requiredMode = Schema.RequiredMode.REQUIRED) String phone,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String challenge,
        @Schema(example = "123456", requiredMode = Schema.RequiredMode.REQUIRED) String code) {
}
