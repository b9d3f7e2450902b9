package io.phonegate.reaper.sweep;

import io.phonegate.reaper.ReaperMetrics;
import io.phonegate.reaper.ReaperProperties;
import io.phonegate.reaper.cognito.DirectoryUser;
import io.phonegate.reaper.cognito.UserDirectory;
import io.phonegate.reaper.reap.Reaper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.time.Clock;
import java.time.Duration;

/**
 * Removes {@code UNCONFIRMED} users older than the TTL that no event announced (older flows,
 * lost events). Every instance sweeps: that is harmless, because each deletion re-reads the
 * user first and a user another instance already deleted only counts as gone.
 */
@Component
class UnconfirmedSweep {

    private static final Logger log = LoggerFactory.getLogger(UnconfirmedSweep.class);

    private final UserDirectory directory;
    private final Reaper reaper;
    private final ReaperMetrics metrics;
    private final Duration ttl;
    private final Clock clock;

    UnconfirmedSweep(UserDirectory directory, Reaper reaper, ReaperMetrics metrics, ReaperProperties properties,
                     Clock clock) {
        this.directory = directory;
        this.reaper = reaper;
        this.metrics = metrics;
        this.ttl = properties.ttl();
        this.clock = clock;
    }

    /**
     * One pass. A user Cognito refuses to handle is skipped (the next pass tries it again);
     * a pass that Cognito cuts short (unavailable, still throttled) is logged and the next one
     * starts over.
     */
    void sweep() {
        metrics.timeSweep(() -> {
            try {
                directory.forEachUnconfirmedUser(clock.instant().minus(ttl), this::reapSkippingRefusals);
            } catch (RuntimeException e) {
                log.warn("Sweep of UNCONFIRMED users stopped early; the next one starts over: {}", e.toString());
            }
        });
    }

    private void reapSkippingRefusals(DirectoryUser user) {
        try {
            reaper.reapSwept(user);
        } catch (AwsServiceException e) {
            log.warn("Sweep skipped an UNCONFIRMED user: {}", e.toString());
        }
    }
}
