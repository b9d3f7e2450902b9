package io.phonegate.dispatcher.claim;

import io.phonegate.common.store.AdmissionTicket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

class InMemorySendClaimsTest extends SendClaimsContract {

    private final Set<AdmissionTicket> standing = ConcurrentHashMap.newKeySet();
    private final SendClaims claims = new InMemorySendClaims(LEASE, RETENTION, standing::contains, false);

    @Override
    SendClaims claims() {
        return claims;
    }

    @Override
    void admit(AdmissionTicket ticket) {
        standing.add(ticket);
    }

    @Override
    void withdraw(AdmissionTicket ticket) {
        standing.remove(ticket);
    }
}
