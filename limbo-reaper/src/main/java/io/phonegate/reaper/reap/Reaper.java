package io.phonegate.reaper.reap;

import io.phonegate.common.event.ReapReason;
import io.phonegate.common.event.UserReaped;
import io.phonegate.common.phone.InvalidPhoneNumberException;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.reaper.ReaperMetrics;
import io.phonegate.reaper.ReaperMetrics.KeptReason;
import io.phonegate.reaper.ReaperProperties;
import io.phonegate.reaper.cognito.DirectoryUser;
import io.phonegate.reaper.cognito.ExpectedUser;
import io.phonegate.reaper.cognito.Outcome;
import io.phonegate.reaper.cognito.UserDirectory;
import io.phonegate.reaper.schedule.Announcement;
import io.phonegate.reaper.schedule.DueSignupHandler;
import io.phonegate.reaper.schedule.PendingSignup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Deletes a user that is still pending, through {@link UserDirectory#deleteIfStillPending}, and
 * tells about it: a log line with the masked number, the reaped or kept counter, and a
 * {@link UserReaped} event for each real deletion. In dry run nothing is deleted or published.
 */
@Component
public class Reaper implements DueSignupHandler {

    private static final Logger log = LoggerFactory.getLogger(Reaper.class);

    private final UserDirectory directory;
    private final ReapedEvents events;
    private final ReaperMetrics metrics;
    private final boolean dryRun;
    private final Duration createWindow;
    private final Clock clock;

    Reaper(UserDirectory directory, ReapedEvents events, ReaperMetrics metrics, ReaperProperties properties,
           Clock clock) {
        this.directory = directory;
        this.events = events;
        this.metrics = metrics;
        this.dryRun = properties.dryRun();
        this.createWindow = properties.createWindow();
        this.clock = clock;
    }

    /** A sign-up whose deadline passed without a {@code SignupCompleted}. */
    @Override
    public void handle(PendingSignup signup) {
        Announcement request = signup.request();
        reapIfStillPending(request.username(), expectedUser(request), request.phone().masked(),
                ReapReason.ABANDONED_SIGNUP);
    }

    /** An {@code UNCONFIRMED} user the sweep found older than the TTL. */
    public void reapSwept(DirectoryUser user) {
        reapIfStillPending(user.username(), ExpectedUser.withSub(user.sub()), masked(user), ReapReason.UNCONFIRMED_SWEEP);
    }

    /**
     * The announced user: by {@code sub} for a v1 announcement; for v2, made before the user existed,
     * any user created no later than the announcement plus the create window (a later one is a later start's).
     */
    private ExpectedUser expectedUser(Announcement request) {
        return request.knownSub().map(ExpectedUser::withSub)
                .orElseGet(() -> ExpectedUser.createdNoLaterThan(request.occurredAt().plus(createWindow)));
    }

    private void reapIfStillPending(String username, ExpectedUser expected, String maskedPhone, ReapReason reason) {
        Outcome outcome = directory.deleteIfStillPending(username, expected, dryRun);
        switch (outcome.verdict()) {
            case DELETED -> {
                metrics.reaped(reason, false);
                log.info("Deleted user {} ({})", maskedPhone, reason);
                publish(new UserReaped(UUID.randomUUID(), clock.instant(), username, outcome.sub(), maskedPhone, reason));
            }
            case WOULD_DELETE -> {
                metrics.reaped(reason, true);
                log.info("Dry run: would delete user {} ({})", maskedPhone, reason);
            }
            case VERIFIED -> kept(KeptReason.VERIFIED, maskedPhone);
            case REPLACED -> kept(KeptReason.REPLACED, maskedPhone);
            case DISABLED -> kept(KeptReason.DISABLED, maskedPhone);
            case NOT_PENDING -> kept(KeptReason.NOT_PENDING, maskedPhone);
            case GONE -> kept(KeptReason.GONE, maskedPhone);
        }
    }

    private void kept(KeptReason reason, String maskedPhone) {
        metrics.kept(reason);
        log.debug("Kept user {}: {}", maskedPhone, reason);
    }

    /**
     * The deletion stands even if the event cannot be published (the producer already retried
     * up to its delivery timeout): handling the sign-up again would only find the user gone.
     */
    private void publish(UserReaped event) {
        try {
            events.publish(event);
        } catch (RuntimeException e) {
            log.error("Deleted user {} but could not publish UserReaped {}: {}", event.maskedPhone(), event.eventId(),
                    e.toString());
        }
    }

    /** Phonegate's usernames are E.164 numbers too; a user with neither shows as unknown. */
    private static String masked(DirectoryUser user) {
        return Stream.of(user.phoneNumber(), user.username())
                .filter(Objects::nonNull)
                .flatMap(candidate -> maskedIfE164(candidate).stream())
                .findFirst()
                .orElse("unknown");
    }

    private static Optional<String> maskedIfE164(String candidate) {
        try {
            return Optional.of(PhoneNumber.ofE164(candidate).masked());
        } catch (InvalidPhoneNumberException e) {
            return Optional.empty();
        }
    }
}
