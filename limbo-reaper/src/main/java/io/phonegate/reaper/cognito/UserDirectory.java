package io.phonegate.reaper.cognito;

import java.time.Instant;
import java.util.function.Consumer;

/** The Cognito user pool, as far as the reaper needs it. */
public interface UserDirectory {

    /**
     * Re-reads the user and deletes it only if it is still the user the caller knows
     * ({@code expectedSub}) and still pending (see {@link PendingUserRule}).
     *
     * @param dryRun decide, but delete nothing
     * @throws CognitoUnavailableException when Cognito could not be asked now
     */
    Verdict deleteIfStillPending(String username, String expectedSub, boolean dryRun);

    /**
     * Hands every {@code UNCONFIRMED} user created before {@code createdBefore} to {@code action},
     * one page at a time, so memory stays at one page however many there are.
     */
    void forEachUnconfirmedUser(Instant createdBefore, Consumer<DirectoryUser> action);
}
