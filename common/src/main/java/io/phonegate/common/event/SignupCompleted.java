package io.phonegate.common.event;

import io.phonegate.common.phone.PhoneNumber;

import java.time.Instant;
import java.util.UUID;

/** A pending user proved the number with a correct code; the gateway marked it verified. */
public record SignupCompleted(UUID eventId, Instant occurredAt, PhoneNumber phone, String username, String userSub)
        implements PhonegateEvent {

    public SignupCompleted {
        Required.field(eventId, "eventId");
        Required.field(occurredAt, "occurredAt");
        Required.field(phone, "phone");
        Required.text(username, "username");
        Required.text(userSub, "userSub");
    }

    @Override
    public String partitionKey() {
        return phone.e164();
    }
}
