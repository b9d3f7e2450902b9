package io.phonegate.common.event;

import io.phonegate.common.phone.PhoneNumber;

import java.time.Instant;
import java.util.UUID;

/**
 * The dispatcher's final word on one {@link OtpRequested}.
 *
 * @param requestEventId    the {@code eventId} of the request this reports on
 * @param attempts          provider calls made (0 when nothing was sent)
 * @param providerMessageId the SMS provider's message id when {@code SENT}, else {@code null}
 * @param reason            why, in words, when not {@code SENT} (never the code), else {@code null}
 */
public record OtpDeliveryReported(UUID eventId, Instant occurredAt, UUID requestEventId, PhoneNumber phone,
                                  String challengeId, DeliveryOutcome outcome, int attempts,
                                  String providerMessageId, String reason)
        implements PhonegateEvent {

    public OtpDeliveryReported {
        Required.field(eventId, "eventId");
        Required.field(occurredAt, "occurredAt");
        Required.field(requestEventId, "requestEventId");
        Required.field(phone, "phone");
        Required.text(challengeId, "challengeId");
        Required.field(outcome, "outcome");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    @Override
    public String partitionKey() {
        return phone.e164();
    }
}
