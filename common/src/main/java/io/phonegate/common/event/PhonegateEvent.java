package io.phonegate.common.event;

import java.time.Instant;
import java.util.UUID;

/** A fact one Phonegate service tells the others through Kafka. */
public sealed interface PhonegateEvent
        permits SignupRequested, SignupRequestedV2, SignupCompleted, OtpRequested, OtpDeliveryReported, UserReaped {

    /** Unique per event; consumers use it to make their work idempotent. Also the {@code ce_id}. */
    UUID eventId();

    /** When the fact happened. Also the {@code ce_time}. */
    Instant occurredAt();

    /** The Kafka record key: the user's phone number in E.164, so one number's events stay in order. */
    String partitionKey();
}
