package io.phonegate.common.event;

import io.phonegate.common.phone.PhoneNumber;

import java.time.Instant;
import java.util.UUID;

/**
 * The gateway created a Cognito user for a number nobody had signed up with; the user is
 * pending until the number is verified. The reaper deletes it if that never happens.
 *
 * @param username the Cognito username (Phonegate uses the E.164 number)
 * @param userSub  Cognito's immutable user id, so a later user with the same name is never mistaken for this one
 */
public record SignupRequested(UUID eventId, Instant occurredAt, PhoneNumber phone, String username, String userSub)
        implements PhonegateEvent {

    public SignupRequested {
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
