package io.phonegate.reaper.schedule;

import io.phonegate.common.event.SignupCompleted;
import io.phonegate.common.event.SignupRequested;
import io.phonegate.common.event.SignupRequestedV2;
import io.phonegate.common.phone.PhoneNumber;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A pending sign-up the reaper was told about, in either version of {@code phonegate.signup.requested}:
 * v2 comes before the user exists and has no {@code sub}; v1 (older gateways) came after and has one.
 *
 * @param sub the user's {@code sub} for a v1 announcement; {@code null} for v2
 */
public record Announcement(Instant occurredAt, PhoneNumber phone, String username, String sub) {

    public Announcement {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(username, "username");
    }

    public static Announcement of(SignupRequestedV2 event) {
        return new Announcement(event.occurredAt(), event.phone(), event.username(), null);
    }

    public static Announcement of(SignupRequested event) {
        return new Announcement(event.occurredAt(), event.phone(), event.username(), event.userSub());
    }

    public Optional<String> knownSub() {
        return Optional.ofNullable(sub);
    }

    /**
     * Whether {@code completed} finishes this sign-up, so it need not be checked at its deadline.
     * By {@code sub} when known; otherwise a completion of the same username no older than the
     * announcement (one read out of order from an earlier user of the name does not count). Only
     * a shortcut: a sign-up not cancelled here is re-read at its deadline and kept if completed.
     */
    boolean completedBy(SignupCompleted completed) {
        if (!username.equals(completed.username())) {
            return false;
        }
        return sub != null ? sub.equals(completed.userSub()) : !completed.occurredAt().isBefore(occurredAt);
    }

    @Override
    public String toString() {
        return "Announcement[" + phone.masked() + " at " + occurredAt + (sub == null ? "" : ", sub " + sub) + "]";
    }
}
