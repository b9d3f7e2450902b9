package io.phonegate.gateway.auth;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.phonegate.gateway.delivery.DeliveryStatuses;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * Where a challenge's code is. The same shape for real and look-alike challenges; {@code reason} and
 * {@code detail} only when it failed.
 *
 * @param status      {@code queued}, {@code sent}, {@code failed} or {@code expired}
 * @param reason      why it failed, a stable slug: {@code cannot_receive_sms}, {@code not_sent_in_time},
 *                    {@code too_many_codes}, {@code not_sent}
 * @param detail      what to do about it, for people
 * @param expiresAt   when the code stops working, as the start said
 * @param resendAfter when a new code may be asked for, as the start said
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChallengeStatusResponse(
        @Schema(example = "sent", allowableValues = {"queued", "sent", "failed", "expired"}) String status,
        @Schema(example = "cannot_receive_sms", allowableValues = {"cannot_receive_sms", "not_sent_in_time",
                "too_many_codes", "not_sent"}, description = "Only when failed") String reason,
        @Schema(example = "This number cannot receive text messages. Check the number, or use another one.",
                description = "Only when failed") String detail,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = StartResponse.MILLIS, timezone = "UTC")
        @Schema(example = "2026-11-24T10:03:00.000Z") Instant expiresAt,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = StartResponse.MILLIS, timezone = "UTC")
        @Schema(example = "2026-11-24T10:00:30.000Z") Instant resendAfter) {

    static ChallengeStatusResponse of(DeliveryStatuses.Status status, Instant expiresAt, Instant resendAfter) {
        return new ChallengeStatusResponse(status.status().wire(),
                status.reason() == null ? null : status.reason().slug(),
                status.reason() == null ? null : status.reason().detail(), expiresAt, resendAfter);
    }
}
