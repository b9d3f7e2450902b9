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
    /** Made by {@code AdminCreateUser}, whose password was never made permanent (a creation cut short). */
    public static final String FORCE_CHANGE_PASSWORD = "FORCE_CHANGE_PASSWORD";

    /**
     * A sign-up that never finished: {@code UNCONFIRMED} (older flows), or {@code CONFIRMED} or
     * {@code FORCE_CHANGE_PASSWORD} (the gateway's admin creation, whole or cut short) with the phone not
     * verified, and never completed (an admin changing {@code phone_number} un-verifies a real user).
     */
    public boolean pending() {
        boolean created = CONFIRMED.equals(status) || FORCE_CHANGE_PASSWORD.equals(status);
        boolean unfinished = UNCONFIRMED.equals(status) || (created && !phoneVerified);
        return unfinished && !everCompleted;
    }
}
