package io.phonegate.common.event;

import io.phonegate.common.phone.PhoneNumber;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One of each event, with every field set, as the wire examples in common/README.md show them. */
final class SampleEvents {

    static final PhoneNumber PHONE = PhoneNumber.ofE164("+919876543210");
    static final Instant AT = Instant.parse("2026-11-24T10:15:30.123456789Z");

    static final SignupRequestedV2 SIGNUP_REQUESTED_V2 = new SignupRequestedV2(
            UUID.fromString("3a9e5c71-6b2d-4f08-9c1e-2d4b6f8a0c13"), AT, PHONE, "+919876543210");
    static final SignupRequested SIGNUP_REQUESTED = new SignupRequested(
            UUID.fromString("7f1c3a52-7d7e-4a51-9a39-0c7c3e1c2a01"), AT, PHONE, "+919876543210",
            "5f0c1e2a-9a4b-4c3d-8e7f-123456789abc");
    static final SignupCompleted SIGNUP_COMPLETED = new SignupCompleted(
            UUID.fromString("0b8e4c1d-2f3a-4b5c-9d6e-7f8091a2b3c4"), AT.plusSeconds(40), PHONE, "+919876543210",
            "5f0c1e2a-9a4b-4c3d-8e7f-123456789abc");
    static final OtpRequested OTP_REQUESTED = new OtpRequested(
            UUID.fromString("c2d4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e1f"), AT, PHONE, "ch-3b1f6d2e",
            "v1.k1.q2x0c1Vb8m3Jj2a1lQ4fV0n2k9f3Zw8bT1s6Yy7rPq0", OtpPurpose.SIGNUP, "hi", AT.plusSeconds(180),
            "Zk3vQ9mX2aL7pR4tY8wN1c.Hq5nT0vB3xE");
    static final OtpDeliveryReported OTP_DELIVERY_REPORTED = new OtpDeliveryReported(
            UUID.fromString("9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b"), AT.plusMillis(850), OTP_REQUESTED.eventId(),
            PHONE, "ch-3b1f6d2e", DeliveryOutcome.SENT, 2, "a1b2c3d4-sns-message-id", null);
    static final UserReaped USER_REAPED = new UserReaped(
            UUID.fromString("1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a"), AT.plusSeconds(3600), "+919876543210",
            "5f0c1e2a-9a4b-4c3d-8e7f-123456789abc", "+91******3210", ReapReason.ABANDONED_SIGNUP);

    static List<PhonegateEvent> all() {
        return List.of(SIGNUP_REQUESTED_V2, SIGNUP_REQUESTED, SIGNUP_COMPLETED, OTP_REQUESTED, OTP_DELIVERY_REPORTED, USER_REAPED);
    }

    private SampleEvents() {
    }
}
