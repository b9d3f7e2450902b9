package io.phonegate.gateway.limits;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Store failures become one exception with the Retry-After, are counted by decision and policy, and pause the store. */
class StoreCallsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void everyDecisionsSeriesExistsAtZeroFromTheStart() {
        new StoreCalls(meters, new LimitSettings.Store(Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO));

        for (StoreDecision decision : StoreDecision.values()) {
            assertThat(failures(decision)).isZero();
            assertThat(meters.get("phonegate.store").tag("decision", decision.tag()).timer().count()).isZero();
        }
        assertThat(meters.get("phonegate.store.failures").tag("decision", "client_ip").counter().getId().getTag("policy"))
                .isEqualTo("fail_open");
        assertThat(meters.get("phonegate.store.failures").tag("decision", "admission").counter().getId().getTag("policy"))
                .isEqualTo("fail_closed");
    }

    @Test
    void aFailedCallIsCountedAndTimedAndTheNextCallsFailAtOnceWithoutAskingTheStore() {
        StoreCalls calls = new StoreCalls(meters, new LimitSettings.Store(Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ZERO));
        AtomicInteger asked = new AtomicInteger();

        assertThatThrownBy(() -> calls.call(StoreDecision.ADMISSION, () -> {
            asked.incrementAndGet();
            throw new QueryTimeoutException("Redis command timed out");
        })).isInstanceOfSatisfying(StoreUnavailableException.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
        assertThatThrownBy(() -> calls.call(StoreDecision.CLIENT_IP, asked::incrementAndGet))
                .isInstanceOf(StoreUnavailableException.class);

        assertThat(asked).hasValue(1);
        assertThat(failures(StoreDecision.ADMISSION)).isEqualTo(1);
        assertThat(failures(StoreDecision.CLIENT_IP)).isEqualTo(1);
        assertThat(meters.get("phonegate.store").tag("decision", "admission").timer().count()).isEqualTo(1);
    }

    @Test
    void withNoPauseTheStoreIsAskedAgainAtOnce() {
        StoreCalls calls = new StoreCalls(meters, new LimitSettings.Store(Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO));

        assertThatThrownBy(() -> calls.call(StoreDecision.ADMISSION, () -> {
            throw new QueryTimeoutException("timed out");
        })).isInstanceOf(StoreUnavailableException.class);

        assertThat(calls.call(StoreDecision.ADMISSION, () -> "answered")).isEqualTo("answered");
    }

    @Test
    void aBackgroundCallAsksTheStoreEvenMomentsAfterAFailureAndItsOwnFailureFailsNothingElse() {
        StoreCalls calls = new StoreCalls(meters, new LimitSettings.Store(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ZERO));
        assertThatThrownBy(() -> calls.call(StoreDecision.ADMISSION, () -> {
            throw new QueryTimeoutException("timed out");
        })).isInstanceOf(StoreUnavailableException.class);

        assertThat(calls.callInBackground(StoreDecision.ADMISSION_ANSWERED, () -> "marked")).isEqualTo("marked");

        StoreCalls healthy = new StoreCalls(meters, new LimitSettings.Store(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ZERO));
        assertThatThrownBy(() -> healthy.callInBackground(StoreDecision.ADMISSION_ANSWERED, () -> {
            throw new QueryTimeoutException("timed out");
        })).isInstanceOf(StoreUnavailableException.class);
        assertThat(healthy.call(StoreDecision.ADMISSION, () -> "admitted")).isEqualTo("admitted");
        assertThat(failures(StoreDecision.ADMISSION_ANSWERED)).isEqualTo(1);
    }

    private double failures(StoreDecision decision) {
        return meters.get("phonegate.store.failures").tag("decision", decision.tag()).counter().count();
    }
}
