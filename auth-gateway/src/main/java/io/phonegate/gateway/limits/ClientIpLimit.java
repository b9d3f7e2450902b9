package io.phonegate.gateway.limits;

import java.time.Clock;

/**
 * Requests per client address on {@code /v1/**}, shared by every instance. Fails open (see
 * {@link StoreDecision#CLIENT_IP}): without the store, requests pass this limit uncounted.
 */
final class ClientIpLimit {

    private final ClientIpBuckets buckets;
    private final StoreKeys keys;
    private final StoreCalls calls;
    private final EdgeRefusals refusals;
    private final Clock clock;

    ClientIpLimit(ClientIpBuckets buckets, StoreKeys keys, StoreCalls calls, EdgeRefusals refusals, Clock clock) {
        this.buckets = buckets;
        this.keys = keys;
        this.calls = calls;
        this.refusals = refusals;
        this.clock = clock;
    }

    /** @throws RateLimitedException when this address has used its allowance */
    void acquire(String clientAddress) {
        String subject = keys.addressSubject(ClientAddress.limitKey(clientAddress));
        Verdict<Boolean> verdict;
        try {
            verdict = calls.call(StoreDecision.CLIENT_IP, () -> buckets.take(subject, clock.instant()));
        } catch (StoreUnavailableException e) {
            return;
        }
        if (!verdict.isGranted()) {
            throw refusals.refused(verdict);
        }
    }
}
