package io.phonegate.reaper.cognito;

import java.time.Instant;

/**
 * A user as Cognito shows it, with what the deletion rule needs.
 *
 * @param phoneNumber   the {@code phone_number} attribute in E.164, or {@code null} when the user has none
 * @param status        Cognito's {@code UserStatus} ({@code CONFIRMED}, {@code UNCONFIRMED}, ...)
 * @param phoneVerified {@code phone_number_verified} is {@code true}
 * @param everCompleted the user has {@code custom:pg_completed}: it completed sign-up once
 */
public record DirectoryUser(String username, String sub, String phoneNumber, Instant createdAt, String status,
                            boolean enabled, boolean phoneVerified, boolean everCompleted) {

    public static final String CONFIRMED = "CONFIRMED";
    public static final String UNCONFIRMED = "UNCONFIRMED";

    /**
     * A sign-up that never finished: {@code UNCONFIRMED}, or {@code CONFIRMED} with the phone not
     * verified, and never completed (an admin changing {@code phone_number} un-verifies a real user).
     */
    public boolean pending() {
        boolean unfinished = UNCONFIRMED.equals(status) || (CONFIRMED.equals(status) && !phoneVerified);
        return unfinished && !everCompleted;
    }
}
