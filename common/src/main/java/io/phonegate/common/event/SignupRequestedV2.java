package io.phonegate.common.event;

import io.phonegate.common.phone.PhoneNumber;

import java.time.Instant;
import java.util.UUID;

/**
 * A pending sign-up is announced: the gateway publishes this <em>before</em> it creates the
 * Cognito user (or replaces an {@code UNCONFIRMED} one), and again when a pending user starts
 * again. The user may not exist yet, or ever: the create call can still fail. Without a
 * {@code sub} (unknown before the user exists), the reaper tells this announcement's user from
 * a later one of the same name by its creation time: only a user created no later than
 * {@code occurredAt} plus a short create window is this announcement's.
 *
 * <p>Version 2 of {@code phonegate.signup.requested}: {@link SignupRequested} (v1) carried the
 * {@code sub} and was published after the user was made, which left users no event announced
 * when the publish failed. Same topic, same key.
 *
 * @param username the Cognito username (Phonegate uses the E.164 number)
 */
public record SignupRequestedV2(UUID eventId, Instant occurredAt, PhoneNumber phone, String username)
        implements PhonegateEvent {

    public SignupRequestedV2 {
        Required.field(eventId, "eventId");
        Required.field(occurredAt, "occurredAt");
        Required.field(phone, "phone");
        Required.text(username, "username");
    }

    @Override
    public String partitionKey() {
        return phone.e164();
    }
}
