package io.phonegate.gateway.limits;

import java.time.Instant;

/** The per-address rate: one request from an address (its store subject), now. */
interface ClientIpBuckets {

    /** Takes one request from the address's bucket, or says when the next one fits. */
    Verdict<Boolean> take(String addressSubject, Instant now);
}
