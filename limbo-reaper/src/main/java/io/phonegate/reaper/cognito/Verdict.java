package io.phonegate.reaper.cognito;

/** What the deletion rule decided about a user. */
public enum Verdict {
    /** Still the same user, still pending: deleted. */
    DELETED,
    /** Still the same user, still pending; dry run, so left in place. */
    WOULD_DELETE,
    /** A real user: its phone is verified, or it completed sign-up once ({@code custom:pg_completed}). Kept. */
    VERIFIED,
    /** The username belongs to another user now (another {@code sub}, or created after the announcement): kept. */
    REPLACED,
    /** Disabled by an operator, which blocks the number; deleting would lift the block: kept. */
    DISABLED,
    /** In a state Phonegate never leaves a sign-up in (neither {@code UNCONFIRMED} nor {@code CONFIRMED}): kept. */
    NOT_PENDING,
    /** No such user (deleted already, or never created): nothing to do. */
    GONE
}
