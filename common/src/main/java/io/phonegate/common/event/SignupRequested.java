package io.phonegate.common.event;

import io.phonegate.common.phone.PhoneNumber;

import java.time.Instant;
import java.util.UUID;

/**
 * Version 1 of {@code phonegate.signup.requested}: the gateway created a Cognito user for a
 * number nobody had signed up with; the user is pending until the number is verified. The reaper
 * deletes it if that never happens.
 *
 * <p>No longer published: it came after the user was made, so a failed publish left a user no
 * event announced. The gateway now publishes {@link SignupRequestedV2} before it creates the user.
 * The reaper still reads this version, for the events already on the topic.
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
