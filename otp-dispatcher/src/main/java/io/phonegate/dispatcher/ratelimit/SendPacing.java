package io.phonegate.dispatcher.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Pacing to the SMS account's quota, one for all dispatcher instances. A caller reserves a turn
 * and is told how long to wait for it; turns queue behind each other, so the rate holds however
 * many sends wait. A turn that would come too late (after the code expires) is not taken, so
 * codes that cannot make it do not delay the ones behind them.
 *
 * @throws io.phonegate.dispatcher.store.StoreUnavailableException when the store does not answer
 */
public interface SendPacing {

    /**
     * @param maxWait how long the caller can wait at most
     * @return how long to wait before sending, or empty (nothing reserved) when that would exceed {@code maxWait}
     */
    Optional<Duration> reserve(Instant now, Duration maxWait);
}
