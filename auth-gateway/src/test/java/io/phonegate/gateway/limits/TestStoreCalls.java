package io.phonegate.gateway.limits;

import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;

/** Store calls as the gateway makes them, for tests of other features that use the store. */
public final class TestStoreCalls {

    private TestStoreCalls() {
    }

    /** @param openFor how long calls fail without asking after a failure (zero: every call asks) */
    public static StoreCalls create(MeterRegistry meters, Duration openFor) {
        return new StoreCalls(meters, new LimitSettings.Store(Duration.ofSeconds(1), openFor, Duration.ZERO));
    }
}
