package io.phonegate.common.event;

import io.phonegate.common.phone.PhoneNumber;

import java.time.Instant;
import java.util.UUID;

/**
 * A code must reach this number by SMS before {@code expiresAt}.
 *
 * @param occurredAt  when the gateway asked (delivery latency is measured from here)
 * @param challengeId the Create trigger's id for this code; the same for every round of one challenge
 * @param sealedCode  the code sealed with {@code CodeSeal} for this phone; only the dispatcher unseals it
 * @param locale      BCP 47 language tag for the message ({@code en}, {@code hi})
 * @param expiresAt   after this the code is useless: the SMS is not sent
 * @param admission   the gateway's {@code AdmissionTicket} for this start, as text: the code is sent only
 *                    while the gateway's admission stands. Added after the first release: absent
 *                    ({@code null}) in events of older gateways
 */
public record OtpRequested(UUID eventId, Instant occurredAt, PhoneNumber phone, String challengeId,
                           String sealedCode, OtpPurpose purpose, String locale, Instant expiresAt, String admission)
        implements PhonegateEvent {

    public OtpRequested {
        Required.field(eventId, "eventId");
        Required.field(occurredAt, "occurredAt");
        Required.field(phone, "phone");
        Required.text(challengeId, "challengeId");
        Required.text(sealedCode, "sealedCode");
        Required.field(purpose, "purpose");
        locale = locale == null || locale.isBlank() ? "en" : locale;
        Required.field(expiresAt, "expiresAt");
    }

    /** A request without an admission, as gateways before admissions published them. */
    public OtpRequested(UUID eventId, Instant occurredAt, PhoneNumber phone, String challengeId, String sealedCode,
                        OtpPurpose purpose, String locale, Instant expiresAt) {
        this(eventId, occurredAt, phone, challengeId, sealedCode, purpose, locale, expiresAt, null);
    }

    /** The same request with the gateway's admission. */
    public OtpRequested withAdmission(String ticket) {
        return new OtpRequested(eventId, occurredAt, phone, challengeId, sealedCode, purpose, locale, expiresAt, ticket);
    }

    @Override
    public String partitionKey() {
        return phone.e164();
    }

    /** The plaintext-free form: a sealed code is still not for logs. */
    @Override
    public String toString() {
        return "OtpRequested[eventId=" + eventId + ", phone=" + phone.masked() + ", challengeId=" + challengeId
                + ", purpose=" + purpose + ", locale=" + locale + ", expiresAt=" + expiresAt
                + ", admitted=" + (admission != null) + "]";
    }
}
