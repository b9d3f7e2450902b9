package io.phonegate.reaper;

import io.phonegate.common.phone.InvalidPhoneNumberException;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.reaper.cognito.DirectoryUser;
import io.phonegate.reaper.cognito.ExpectedUser;
import io.phonegate.reaper.cognito.Outcome;
import io.phonegate.reaper.cognito.UserDirectory;
import io.phonegate.reaper.cognito.Verdict;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Test double of the Cognito edge, for tests of the Kafka intake above it: every asked-about
 * user counts as still pending and is "deleted"; it remembers who was asked about and when.
 * The pool has no users to list.
 */
public final class FakeUserDirectory implements UserDirectory {

    public record Ask(String username, ExpectedUser expected, Instant at) {
    }

    private final List<Ask> asked = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> deleted = new ConcurrentHashMap<>();

    @Override
    public Outcome deleteIfStillPending(String username, ExpectedUser expected, boolean dryRun) {
        asked.add(new Ask(username, expected, Instant.now()));
        return deleted.putIfAbsent(username, true) == null
                ? new Outcome(Verdict.DELETED, "sub-of-" + username) : new Outcome(Verdict.GONE, null);
    }

    @Override
    public void forEachUnconfirmedUser(Instant createdBefore, Consumer<DirectoryUser> action) {
    }

    @Override
    public Optional<PhoneNumber> signInNumber(DirectoryUser user) {
        try {
            return Optional.of(PhoneNumber.ofE164(user.username()));
        } catch (InvalidPhoneNumberException e) {
            return Optional.empty();
        }
    }

    @Override
    public Page confirmedUsers(String paginationToken) {
        return new Page(List.of(), null);
    }

    public List<Ask> asked() {
        return List.copyOf(asked);
    }

    public List<Ask> askedAbout(String username) {
        return asked.stream().filter(ask -> ask.username().equals(username)).toList();
    }
}
