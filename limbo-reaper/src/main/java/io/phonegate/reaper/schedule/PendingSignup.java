package io.phonegate.reaper.schedule;

import java.time.Instant;

/** A sign-up waiting for its deadline, and the record to release once it is handled. */
public record PendingSignup(Announcement request, Instant due, Receipt receipt) {

    public String username() {
        return request.username();
    }

    PendingSignup dueAt(Instant newDue) {
        return new PendingSignup(request, newDue, receipt);
    }
}
