package io.phonegate.common.event;

/** Why the reaper deleted a user. */
public enum ReapReason {
    /** A sign-up the reaper was told about was not verified within the TTL. */
    ABANDONED_SIGNUP,
    /** The periodic sweep found an UNCONFIRMED user older than the TTL that no event announced. */
    UNCONFIRMED_SWEEP
}
