package io.phonegate.reaper.cognito;

/** What {@link UserDirectory#deleteIfStillPending} found and did. */
public enum Verdict {
    /** Still the same, still pending: deleted. */
    DELETED,
    /** Still the same, still pending; dry run, so left in place. */
    WOULD_DELETE,
    /** The phone number is verified on a confirmed user: a real user, kept. */
    VERIFIED,
    /** The username belongs to another user now (different {@code sub}): kept. */
    REPLACED,
    /** Disabled by an operator, which blocks the number; deleting would lift the block: kept. */
    DISABLED,
    /** No such user any more: nothing to do. */
    GONE
}
