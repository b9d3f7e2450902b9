package io.phonegate.reaper.sweep;

import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.reaper.ReaperMetrics;
import io.phonegate.reaper.ReaperProperties;
import io.phonegate.reaper.cognito.DirectoryUser;
import io.phonegate.reaper.cognito.UserDirectory;
import io.phonegate.reaper.cognito.UserDirectory.Page;
import io.phonegate.reaper.intake.AssignedPartitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The catch-all for users no event announced (made by older versions, by hand, or by a fault no
 * design foresaw): a slow pass over every {@code CONFIRMED} user, since ListUsers cannot filter on
 * {@code phone_number_verified}. It deletes nothing itself. Each pending user it finds (phone not
 * verified, never completed, enabled, older than the TTL, signing in with an E.164 number as Phonegate's
 * users do) it <em>announces</em>, as the gateway announces a sign-up; the instance that owns the
 * number's partition then treats it as any announced sign-up, due a TTL later.
 *
 * <p>Why announce instead of delete: the scan sees when a user was created, not when it last started
 * a sign-up. A pending user who comes back is re-announced by the gateway, and only the instance that
 * reads that announcement knows the person is mid-sign-up. Through the topic, the latest announcement
 * per username wins there: the scan's can only move a deadline later, never delete anyone earlier
 * than a TTL after their latest start.
 *
 * <p>Cost: only the instance owning partition 0 scans ({@link AssignedPartitions}); pages of 60 with
 * only the attributes the rule reads, at most {@code scan-pages-per-second}. A page Cognito cannot
 * answer now is tried again after a pause, from the same token, so a Cognito outage delays a pass
 * instead of restarting it; a token Cognito no longer accepts, or a restart, starts it over.
 */
@Component
class PendingUserScan {

    private static final Logger log = LoggerFactory.getLogger(PendingUserScan.class);
    static final Duration RETRY_DELAY = Duration.ofSeconds(30);

    /** Publishes the announcement of a pending user; throws when the broker did not take it. */
    @FunctionalInterface
    interface Announcer {
        void announce(PhoneNumber phone, String username);
    }

    private final UserDirectory directory;
    private final Announcer announcements;
    private final BooleanSupplier leading;
    private final ReaperMetrics metrics;
    private final Duration ttl;
    private final long pageIntervalNanos;
    private final Duration retryDelay;
    private final Clock clock;

    @Autowired
    PendingUserScan(UserDirectory directory, ScanAnnouncements announcements, AssignedPartitions partitions,
                    ReaperMetrics metrics, ReaperProperties properties, Clock clock) {
        this(directory, announcements::announce, partitions::includesPartitionZero, metrics, properties, clock,
                RETRY_DELAY);
    }

    /** @param leading whether this instance is the one that scans (owns partition 0) */
    PendingUserScan(UserDirectory directory, Announcer announcements, BooleanSupplier leading, ReaperMetrics metrics,
                    ReaperProperties properties, Clock clock, Duration retryDelay) {
        this.directory = directory;
        this.announcements = announcements;
        this.leading = leading;
        this.metrics = metrics;
        this.ttl = properties.ttl();
        this.pageIntervalNanos = (long) Math.ceil(TimeUnit.SECONDS.toNanos(1) / properties.scanPagesPerSecond());
        this.retryDelay = retryDelay;
        this.clock = clock;
    }

    /** One pass, unless another instance leads. Stops early when it stops leading or is interrupted. */
    void scan() {
        if (!leading.getAsBoolean()) {
            log.debug("Full scan skipped: another instance owns partition 0");
            return;
        }
        Instant createdBefore = clock.instant().minus(ttl);
        long started = System.nanoTime();
        int pages = 0;
        int users = 0;
        int announced = 0;
        String token = null;
        long nextPage = System.nanoTime();
        while (leading()) {
            if (!sleepUntil(nextPage)) {
                return;
            }
            nextPage = System.nanoTime() + pageIntervalNanos;
            Page page;
            try {
                page = directory.confirmedUsers(token);
                announced += announcePending(page, createdBefore);
            } catch (InvalidParameterException e) {
                log.warn("Full scan stopped after {} pages: Cognito refused the page ({}); the next pass starts over",
                        pages, e.getMessage());
                return;
            } catch (RuntimeException e) {
                log.warn("Full scan waits {} and tries page {} again: {}", retryDelay, pages + 1, e.toString());
                nextPage = System.nanoTime() + retryDelay.toNanos();
                continue;
            }
            pages++;
            users += page.users().size();
            if (page.last()) {
                metrics.scanCompleted(Duration.ofNanos(System.nanoTime() - started));
                log.info("Full scan done: {} pages, {} CONFIRMED users, {} pending ones announced, in {} s", pages,
                        users, announced, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
                return;
            }
            token = page.nextToken();
        }
        log.info("Full scan stopped after {} pages: {}", pages, Thread.currentThread().isInterrupted()
                ? "the reaper is stopping" : "this instance no longer owns partition 0");
    }

    /** Announces the page's candidates; a failed announcement throws, and the whole page is tried again. */
    private int announcePending(Page page, Instant createdBefore) {
        int announced = 0;
        for (DirectoryUser user : page.users()) {
            Optional<PhoneNumber> phone = candidate(user, createdBefore);
            if (phone.isPresent()) {
                // Under the number, as the gateway announces: where Cognito names users itself, its admin
                // calls take the number too, and the latest announcement per number wins.
                announcements.announce(phone.get(), phone.get().e164());
                metrics.announcedByScan();
                log.info("Full scan found pending user {} that no event announced; announced it", phone.get().masked());
                announced++;
            }
        }
        return announced;
    }

    /** A pending, enabled Phonegate user older than the TTL: the number it signs in with; else empty. */
    private Optional<PhoneNumber> candidate(DirectoryUser user, Instant createdBefore) {
        if (!user.pending() || !user.enabled() || user.createdAt() == null || !user.createdAt().isBefore(createdBefore)) {
            return Optional.empty();
        }
        return directory.signInNumber(user);
    }

    private boolean leading() {
        return leading.getAsBoolean() && !Thread.currentThread().isInterrupted();
    }

    /** @return false when interrupted (the application is stopping) */
    private static boolean sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait <= 0) {
            return true;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
