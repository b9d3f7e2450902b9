package io.phonegate.reaper;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * What the reaper waits for and how hard it may push Cognito.
 *
 * @param ttl                how long a sign-up may stay unverified, counted from its latest announcement;
 *                           also the age past which the sweep and the scan look at a user
 * @param createWindow       how long after a v2 announcement the user it announced may have been created:
 *                           a user created later belongs to a later start and is not deleted for this one
 * @param sweepInterval      pause between two sweeps of {@code UNCONFIRMED} users (the first one runs this long after start)
 * @param scanInterval       pause between two full scans for pending users no event announced (the first one
 *                           runs this long after start); longer than the TTL, so a user the scan announced is
 *                           due before the next scan would announce it again and move its deadline
 * @param scanPagesPerSecond ListUsers pages of 60 the full scan reads per second at most
 * @param cognitoRate        Cognito calls per second this instance makes at most, all operations together
 * @param maxPending         sign-ups this instance holds in memory at most; past it, it stops reading new requests
 * @param dryRun             log and count what would be deleted, delete nothing, publish nothing
 * @param retryDelay         how long a due sign-up whose handling failed (Cognito unavailable through the call's
 *                           own back-off, or the pool found unsuitable) waits before it is tried again
 */
@Validated
@ConfigurationProperties("phonegate.reaper")
public record ReaperProperties(
        @NotNull @DefaultValue("1h") Duration ttl,
        @NotNull @DefaultValue("1m") Duration createWindow,
        @NotNull @DefaultValue("15m") Duration sweepInterval,
        @NotNull @DefaultValue("24h") Duration scanInterval,
        @DecimalMin("0.01") @DefaultValue("1") double scanPagesPerSecond,
        @DecimalMin("0.1") @DefaultValue("10") double cognitoRate,
        @Min(1) @DefaultValue("100000") int maxPending,
        @DefaultValue("false") boolean dryRun,
        @NotNull @DefaultValue("30s") Duration retryDelay) {

    public ReaperProperties {
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException("phonegate.reaper.ttl must be positive, was " + ttl);
        }
        if (sweepInterval != null && (sweepInterval.isNegative() || sweepInterval.isZero())) {
            throw new IllegalArgumentException("phonegate.reaper.sweep-interval must be positive, was " + sweepInterval);
        }
        if (retryDelay != null && (retryDelay.isNegative() || retryDelay.isZero())) {
            throw new IllegalArgumentException("phonegate.reaper.retry-delay must be positive, was " + retryDelay);
        }
        if (createWindow != null && createWindow.isNegative()) {
            throw new IllegalArgumentException("phonegate.reaper.create-window must not be negative, was " + createWindow);
        }
        if (scanInterval != null && ttl != null && scanInterval.compareTo(ttl) <= 0) {
            throw new IllegalArgumentException("phonegate.reaper.scan-interval (" + scanInterval + ") must be longer than "
                    + "the ttl (" + ttl + "): a user the scan announced must be due before the next scan announces it again");
        }
    }
}
