package io.phonegate.reaper.cognito;

import io.phonegate.common.phone.PhoneNumber;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The Cognito user pool, as far as the reaper needs it. */
public interface UserDirectory {

    /**
     * Re-reads the user and deletes it only if it is still the user the caller was told about and
     * still pending (see {@link PendingUserRule}). A user that does not exist is {@link Verdict#GONE}.
     *
     * @param dryRun decide, but delete nothing
     * @throws CognitoUnavailableException when Cognito could not be asked now, or the pool's settings have not
     *                                     been read or do not suit the deletion rule: nothing is deleted then
     */
    Outcome deleteIfStillPending(String username, ExpectedUser expected, boolean dryRun);

    /**
     * The number a Phonegate user signs in with: its username, which is the E.164 number, or where the
     * number is a username attribute (Cognito then names users itself) its {@code phone_number}. Empty for a
     * user that is not Phonegate's (named otherwise, or without a number).
     */
    Optional<PhoneNumber> signInNumber(DirectoryUser user);

    /**
     * Hands every {@code UNCONFIRMED} user created before {@code createdBefore} to {@code action},
     * one page at a time, so memory stays at one page however many there are.
     */
    void forEachUnconfirmedUser(Instant createdBefore, Consumer<DirectoryUser> action);

    /**
     * One page of {@code CONFIRMED} users (ListUsers cannot filter on {@code phone_number_verified}),
     * with only the attributes the deletion rule reads.
     *
     * @param paginationToken where the previous page ended; {@code null} for the first page
     * @throws CognitoUnavailableException when Cognito could not be asked now; the same token may be tried again
     */
    Page confirmedUsers(String paginationToken);

    /** @param nextToken where the next page starts; {@code null} after the last page */
    record Page(List<DirectoryUser> users, String nextToken) {

        public boolean last() {
            return nextToken == null || nextToken.isEmpty();
        }
    }
}
