package io.phonegate.gateway.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * What a store answers for one decision: granted, with what it takes to give the grant back, or
 * refused by a limit, with when to come back.
 */
record Verdict<T>(T grant, EdgeLimit refusedBy, Duration retryAfter) {

    static <T> Verdict<T> granted(T grant) {
        return new Verdict<>(Objects.requireNonNull(grant), null, Duration.ZERO);
    }

    static <T> Verdict<T> refused(EdgeLimit limit, Duration retryAfter) {
        return new Verdict<>(null, Objects.requireNonNull(limit), retryAfter);
    }

    boolean isGranted() {
        return refusedBy == null;
    }
}
