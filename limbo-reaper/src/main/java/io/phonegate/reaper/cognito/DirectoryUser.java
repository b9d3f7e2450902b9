package io.phonegate.reaper.cognito;

import java.time.Instant;

/**
 * A user as a listing shows it.
 *
 * @param phoneNumber the {@code phone_number} attribute in E.164, or {@code null} when the user has none
 */
public record DirectoryUser(String username, String sub, String phoneNumber, Instant createdAt) {
}
