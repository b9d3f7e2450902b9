package io.phonegate.common.user;

/**
 * Cognito user attributes that more than one part of Phonegate reads or writes: the gateway
 * writes them, the Create trigger and the reaper read them.
 */
public final class UserAttributes {

    public static final String SUB = "sub";
    public static final String PHONE_NUMBER = "phone_number";
    public static final String PHONE_NUMBER_VERIFIED = "phone_number_verified";
    /**
     * When the user first completed sign-up (an ISO-8601 instant), written by the gateway in the
     * same {@code AdminUpdateUserAttributes} call that sets {@code phone_number_verified=true}.
     * A user who has it is never announced as pending and never reaped, whatever later happens to
     * its other attributes (an admin changing {@code phone_number} resets {@code phone_number_verified}).
     * The pool's schema must define the custom attribute {@code pg_completed} (String, mutable), and
     * the app client must be able to read it (it then appears in ID tokens).
     */
    public static final String COMPLETED_AT = "custom:pg_completed";

    private UserAttributes() {
    }
}
