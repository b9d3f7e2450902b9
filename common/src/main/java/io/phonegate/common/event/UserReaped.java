package io.phonegate.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * The reaper deleted an abandoned Cognito user. The body holds the number only masked;
 * the record key is the username (the E.164 number) so it lands beside that number's events.
 */
public record UserReaped(UUID eventId, Instant occurredAt, String username, String userSub, String maskedPhone,
                         ReapReason reason) implements PhonegateEvent {

    public UserReaped {
        Required.field(eventId, "eventId");
        Required.field(occurredAt, "occurredAt");
        Required.text(username, "username");
        Required.text(userSub, "userSub");
        Required.text(maskedPhone, "maskedPhone");
        Required.field(reason, "reason");
    }

    @Override
    public String partitionKey() {
        return username;
    }
}
