package io.phonegate.dispatcher.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Times every call to the store per decision ({@code phonegate_store_seconds{decision}}) and counts
 * those that fail ({@code phonegate_store_failures_total{decision,policy="pause"}}). The dispatcher's
 * policy for every decision is {@value #POLICY}: nothing is sent or reported without the store's
 * answer, so a failed call waits for the store instead of deciding without it.
 */
public final class StoreCalls {

    public static final String POLICY = "pause";

    private final MeterRegistry registry;

    public StoreCalls(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One decision's meters, registered now so the series exist at zero from start-up. */
    public Decision decision(String name) {
        Timer timer = Timer.builder("phonegate.store")
                .description("Calls to the shared store, by decision, failed ones included")
                .tag("decision", name)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(2))
                .register(registry);
        Counter failures = Counter.builder("phonegate.store.failures")
                .description("Store calls that failed (down, timed out, unreadable answer), by decision and failure policy")
                .tags("decision", name, "policy", POLICY)
                .register(registry);
        return new Decision(name, timer, failures);
    }

    /** Calls for one decision. */
    public static final class Decision {

        private final String name;
        private final Timer timer;
        private final Counter failures;

        private Decision(String name, Timer timer, Counter failures) {
            this.name = name;
            this.timer = timer;
            this.failures = failures;
        }

        /**
         * Runs one store call, including reading its answer.
         *
         * @throws StoreUnavailableException whatever went wrong: the decision was not made
         */
        public <T> T call(Supplier<T> call) {
            long start = System.nanoTime();
            try {
                return call.get();
            } catch (RuntimeException e) {
                failures.increment();
                throw new StoreUnavailableException(name, e);
            } finally {
                timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        }
    }
}
