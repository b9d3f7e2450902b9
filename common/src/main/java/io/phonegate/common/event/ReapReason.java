package io.phonegate.common.event;

/** Why the reaper deleted a user. */
public enum ReapReason {
    /**
     * An announced sign-up was not verified within the TTL. Announced by the gateway, or by the
     * reaper's own sweep for a pending user that no event announced.
     */
    ABANDONED_SIGNUP,
    /** The periodic sweep found an UNCONFIRMED user older than the TTL that no event announced. */
    UNCONFIRMED_SWEEP
}
