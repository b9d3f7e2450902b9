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
 * @param ttl           how long a sign-up may stay unverified, counted from its {@code SignupRequested};
 *                      also the age past which the sweep removes {@code UNCONFIRMED} users
 * @param sweepInterval pause between two sweeps of {@code UNCONFIRMED} users (the first one runs this long after start)
 * @param cognitoRate   Cognito calls per second this instance makes at most, all operations together
 * @param maxPending    sign-ups this instance holds in memory at most; past it, it stops reading new requests
 * @param dryRun        log and count what would be deleted, delete nothing, publish nothing
 */
@Validated
@ConfigurationProperties("phonegate.reaper")
public record ReaperProperties(
        @NotNull @DefaultValue("1h") Duration ttl,
        @NotNull @DefaultValue("15m") Duration sweepInterval,
        @DecimalMin("0.1") @DefaultValue("10") double cognitoRate,
        @Min(1) @DefaultValue("100000") int maxPending,
        @DefaultValue("false") boolean dryRun) {

    public ReaperProperties {
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException("phonegate.reaper.ttl must be positive, was " + ttl);
        }
        if (sweepInterval != null && (sweepInterval.isNegative() || sweepInterval.isZero())) {
            throw new IllegalArgumentException("phonegate.reaper.sweep-interval must be positive, was " + sweepInterval);
        }
    }
}
