package io.phonegate.reaper;

import io.phonegate.common.event.SignupCompleted;
import io.phonegate.common.event.SignupRequested;
import io.phonegate.common.event.SignupRequestedV2;
import io.phonegate.common.phone.PhoneNumber;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Events and numbers for tests; every number is new within the test run. */
public final class Signups {

    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 50_000_000L);

    private Signups() {
    }

    /** A valid Indian mobile number no other test uses. */
    public static PhoneNumber newPhone() {
        return PhoneNumber.ofE164("+9198" + (10_000_000 + NEXT.incrementAndGet() % 89_999_999L));
    }

    /** What the gateway publishes now, before it creates the user. */
    public static SignupRequestedV2 announced(PhoneNumber phone) {
        return announced(phone, Instant.now());
    }

    /**
     * An announcement made at {@code at}: a test sets when a sign-up is due ({@code at + ttl}) instead of
     * racing the TTL, e.g. far ahead for one that must not become due while the test runs.
     */
    public static SignupRequestedV2 announced(PhoneNumber phone, Instant at) {
        return new SignupRequestedV2(UUID.randomUUID(), at, phone, phone.e164());
    }

    /** What older gateways published after they created the user (v1, with its sub). */
    public static SignupRequested requested(PhoneNumber phone, String sub) {
        return requested(phone, sub, Instant.now());
    }

    public static SignupRequested requested(PhoneNumber phone, String sub, Instant at) {
        return new SignupRequested(UUID.randomUUID(), at, phone, phone.e164(), sub);
    }

    public static SignupCompleted completed(PhoneNumber phone, String sub) {
        return new SignupCompleted(UUID.randomUUID(), Instant.now(), phone, phone.e164(), sub);
    }
}
