package io.phonegate.reaper.schedule;

/**
 * The consumed record behind a waiting sign-up. Releasing it says "handled": only then may
 * the consumer commit past its offset, so an unhandled sign-up is read again after a restart.
 */
@FunctionalInterface
public interface Receipt {

    /** Idempotent: a second call does nothing. */
    void release();
}
