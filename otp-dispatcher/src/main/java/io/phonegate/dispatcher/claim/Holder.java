package io.phonegate.dispatcher.claim;

import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.store.AdmissionTicket;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * One delivery's hold on one request: the request's challenge and event id, the gateway's admission
 * of its start ({@code null} when the request carries none or a malformed one), and a token no other
 * delivery has (two deliveries of the same record, after a redelivery, hold different tokens).
 */
public record Holder(String challengeId, UUID eventId, String token, AdmissionTicket admission) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A holder of a request without an admission. */
    public Holder(String challengeId, UUID eventId, String token) {
        this(challengeId, eventId, token, null);
    }

    public static Holder newFor(OtpRequested request) {
        byte[] token = new byte[12];
        RANDOM.nextBytes(token);
        return new Holder(request.challengeId(), request.eventId(), Base64.getUrlEncoder().withoutPadding().encodeToString(token),
                AdmissionTicket.parse(request.admission()).orElse(null));
    }
}
