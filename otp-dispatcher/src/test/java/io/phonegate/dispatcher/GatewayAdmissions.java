package io.phonegate.dispatcher;

import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.store.AdmissionTicket;
import io.phonegate.common.store.PhoneSubject;
import io.phonegate.dispatcher.store.TestRedis;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Plays the gateway's part for tests that write {@code OtpRequested} themselves: admits each start in
 * the test run's real Redis exactly where the gateway would (the number's starts,
 * {@link AdmissionTicket#startsKey}), and gives the request its ticket. Call from a class annotated
 * {@code @RealRedis}.
 */
final class GatewayAdmissions {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** As the gateway names a number: one subject per number, whatever the start. */
    private static final PhoneSubject SUBJECTS = PhoneSubject.withKey(new byte[32]);
    private static TestRedis redis;

    private GatewayAdmissions() {
    }

    /** The request with an admission that stands, its {@code 202} answered. */
    static synchronized OtpRequested admitted(OtpRequested request) {
        OtpRequested admitted = admittedUnanswered(request);
        answered(admitted);
        return admitted;
    }

    /** The request with an admission that stands, whose {@code 202} has not left yet (or never will). */
    static synchronized OtpRequested admittedUnanswered(OtpRequested request) {
        AdmissionTicket ticket = new AdmissionTicket(SUBJECTS.of(request.phone()), random(8));
        redis().template().opsForZSet().add(ticket.startsKey(), ticket.slotId(), Instant.now().toEpochMilli());
        return request.withAdmission(ticket.text());
    }

    /** What the gateway does once the start's {@code 202} has left. */
    static synchronized void answered(OtpRequested request) {
        AdmissionTicket ticket = AdmissionTicket.parse(request.admission()).orElseThrow();
        redis().template().opsForValue().set(ticket.answeredKey(), "1", Duration.ofMinutes(10));
    }

    /** Whether the gateway's admission of the start still counts. */
    static synchronized boolean stands(OtpRequested request) {
        AdmissionTicket ticket = AdmissionTicket.parse(request.admission()).orElseThrow();
        return redis().template().opsForZSet().score(ticket.startsKey(), ticket.slotId()) != null;
    }

    /** What the gateway does when the start fails after its request was queued. */
    static synchronized void withdraw(OtpRequested request) {
        AdmissionTicket ticket = AdmissionTicket.parse(request.admission()).orElseThrow();
        redis().template().opsForZSet().remove(ticket.startsKey(), ticket.slotId());
    }

    private static TestRedis redis() {
        if (redis == null) {
            redis = TestRedis.connect();
        }
        return redis;
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
