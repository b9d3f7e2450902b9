package io.phonegate.gateway.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs every store call: times it ({@code phonegate_store_seconds{decision}}), counts its failures
 * with the decision's policy ({@code phonegate_store_failures_total{decision,policy}}), and turns them
 * into {@link StoreUnavailableException}. After a failure, calls fail at once for {@code openFor}
 * without asking the store: a store that times out then costs one request per period its timeout,
 * and a request's two calls (address, then admission) stay within one timeout together.
 */
public final class StoreCalls {

    private static final Logger log = LoggerFactory.getLogger(StoreCalls.class);

    private final Map<StoreDecision, Timer> timers = new EnumMap<>(StoreDecision.class);
    private final Map<StoreDecision, Counter> failures = new EnumMap<>(StoreDecision.class);
    private final long openForNanos;
    private final Duration retryAfter;
    private volatile long openUntil = System.nanoTime();

    StoreCalls(MeterRegistry meters, LimitSettings.Store settings) {
        this.openForNanos = settings.openFor().toNanos();
        this.retryAfter = settings.retryAfter();
        // Every series from the start, so rate() and the alerts work before the first failure.
        for (StoreDecision decision : StoreDecision.values()) {
            timers.put(decision, Timer.builder("phonegate.store").tag("decision", decision.tag())
                    .description("Calls to the shared store, by decision")
                    .publishPercentileHistogram().register(meters));
            failures.put(decision, Counter.builder("phonegate.store.failures").tag("decision", decision.tag())
                    .tag("policy", decision.policy().tag())
                    .description("Store calls that failed, by decision and what the gateway did instead")
                    .register(meters));
        }
    }

    /**
     * @throws StoreUnavailableException when the store failed or failed moments ago; the caller applies
     *                                   the decision's policy
     */
    public <T> T call(StoreDecision decision, Supplier<T> command) {
        if (System.nanoTime() - openUntil < 0) {
            failures.get(decision).increment();
            throw new StoreUnavailableException("the store failed moments ago; not asked for " + decision.tag(),
                    null, retryAfter);
        }
        return ask(decision, command, true);
    }

    /**
     * The same for a call no client waits for (made after its answer left): the store is asked even
     * moments after a failure, and its failure does not make the next requests' calls fail at once.
     */
    public <T> T callInBackground(StoreDecision decision, Supplier<T> command) {
        return ask(decision, command, false);
    }

    private <T> T ask(StoreDecision decision, Supplier<T> command, boolean opensOnFailure) {
        long started = System.nanoTime();
        try {
            return command.get();
        } catch (DataAccessException e) {
            if (opensOnFailure) {
                openUntil = System.nanoTime() + openForNanos;
            }
            failures.get(decision).increment();
            log.warn("Store call {} failed ({}): {}", decision.tag(), decision.policy().tag(), e.getMessage());
            throw new StoreUnavailableException("the store could not decide " + decision.tag(), e, retryAfter);
        } finally {
            timers.get(decision).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }
}
