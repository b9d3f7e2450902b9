package io.phonegate.reaper;

import io.phonegate.common.event.SignupCompleted;
import io.phonegate.common.event.SignupRequested;
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

    public static SignupRequested requested(PhoneNumber phone, String sub) {
        return new SignupRequested(UUID.randomUUID(), Instant.now(), phone, phone.e164(), sub);
    }

    public static SignupCompleted completed(PhoneNumber phone, String sub) {
        return new SignupCompleted(UUID.randomUUID(), Instant.now(), phone, phone.e164(), sub);
    }
}
