package io.phonegate.reaper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.phonegate.common.event.ReapReason;
import io.phonegate.common.event.Topics;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The reaper's meters, named as {@code docs/observability.md} lists them. Reaped and kept
 * counters exist from the start at zero, so alerts see a series before the first deletion.
 */
@Component
public class ReaperMetrics {

    /** Why a due sign-up or swept user was not deleted. */
    public enum KeptReason {
        /** The phone number is verified, or the user completed sign-up once: a real user, whatever the events said. */
        VERIFIED,
        /** A {@code SignupCompleted} arrived before the deadline. */
        COMPLETED,
        /** The username now belongs to another user (different {@code sub}). */
        REPLACED,
        /** The user no longer exists: someone else deleted it, or an earlier pass did. */
        GONE,
        /** An operator disabled the user; deleting it would lift that block on the number. */
        DISABLED,
        /** The user is in a state Phonegate never leaves a sign-up in (neither UNCONFIRMED nor CONFIRMED). */
        NOT_PENDING;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Timer sweep;
    private final Timer scan;
    private final Counter announcedByScan;
    private final Counter heldBack;

    public ReaperMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.sweep = Timer.builder("phonegate.reaper.sweep")
                .description("Duration of each sweep of UNCONFIRMED users")
                .register(registry);
        this.scan = Timer.builder("phonegate.reaper.scan")
                .description("Duration of each complete full scan for pending users no event announced")
                .register(registry);
        this.announcedByScan = Counter.builder("phonegate.reaper.scan.announced")
                .description("Pending users no event announced, found by the full scan and announced by the reaper")
                .register(registry);
        this.heldBack = Counter.builder("phonegate.reaper.deletions.held")
                .description("Deletions not attempted because the user pool's settings were unread or unsuitable; tried again later")
                .register(registry);
        for (ReapReason reason : ReapReason.values()) {
            reapedCounter(reason, false);
            reapedCounter(reason, true);
        }
        for (KeptReason reason : KeptReason.values()) {
            keptCounter(reason);
        }
        // Zero series from the start, so the alerts on throttling and dead letters see them before the first one.
        for (String operation : List.of("AdminGetUser", "AdminDeleteUser", "ListUsers")) {
            cognitoErrorCounter(operation, "TooManyRequestsException");
        }
        for (String topic : List.of(Topics.SIGNUP_REQUESTED, Topics.SIGNUP_COMPLETED)) {
            deadLetterCounter(topic);
        }
    }

    public void reaped(ReapReason reason, boolean dryRun) {
        reapedCounter(reason, dryRun).increment();
    }

    public void kept(KeptReason reason) {
        keptCounter(reason).increment();
    }

    /** A Cognito call that failed; {@code error} is Cognito's error code, never user data. */
    public void cognitoError(String operation, String error) {
        cognitoErrorCounter(operation, error).increment();
    }

    /** The full scan found a pending user that no event announced, and announced it. */
    /** A deletion was not attempted: the pool's settings have not been read or do not suit the rule. */
    public void deletionHeldBack() {
        heldBack.increment();
    }

    public void announcedByScan() {
        announcedByScan.increment();
    }

    public void deadLettered(String topic) {
        deadLetterCounter(topic).increment();
    }

    private Counter cognitoErrorCounter(String operation, String error) {
        return Counter.builder("phonegate.cognito.errors")
                .description("Failed Cognito calls")
                .tag("operation", operation)
                .tag("error", error)
                .register(registry);
    }

    private Counter deadLetterCounter(String topic) {
        return Counter.builder("phonegate.dead.letters")
                .description("Records sent to a dead-letter topic")
                .tag("topic", topic)
                .register(registry);
    }

    public void timeSweep(Runnable sweepPass) {
        sweep.record(sweepPass);
    }

    /** A full scan went through every page. */
    public void scanCompleted(Duration took) {
        scan.record(took);
    }

    /** Registers the gauge of sign-ups held by this instance. */
    public void pendingSignups(Supplier<Number> size) {
        Gauge.builder("phonegate.reaper.pending.signups", size)
                .description("Sign-ups waiting for their deadline in this instance")
                .register(registry);
    }

    private Counter reapedCounter(ReapReason reason, boolean dryRun) {
        return Counter.builder("phonegate.reaper.users.reaped")
                .description("Users deleted (or, in dry run, that would have been)")
                .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                .tag("dry_run", String.valueOf(dryRun))
                .register(registry);
    }

    private Counter keptCounter(KeptReason reason) {
        return Counter.builder("phonegate.reaper.users.kept")
                .description("Due sign-ups not deleted, and why")
                .tag("reason", reason.tag())
                .register(registry);
    }
}
