package io.phonegate.gateway.auth;

import io.swagger.v3.oas.annotations.media.Schema;

/** A refresh token from a verify. */
public record RefreshRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String refreshToken) {
}
