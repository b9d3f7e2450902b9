package io.phonegate.dispatcher.claim;

import io.phonegate.common.store.AdmissionTicket;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

class InMemorySendClaimsTest extends SendClaimsContract {

    private final Map<AdmissionTicket, Instant> standing = new ConcurrentHashMap<>();
    private final Set<AdmissionTicket> answered = ConcurrentHashMap.newKeySet();
    private final SendClaims claims = new InMemorySendClaims(LEASE, RETENTION, new InMemorySendClaims.GatewayStarts() {
        @Override
        public Optional<Instant> admittedAt(AdmissionTicket ticket) {
            return Optional.ofNullable(standing.get(ticket));
        }

        @Override
        public boolean answered(AdmissionTicket ticket) {
            return answered.contains(ticket);
        }

        @Override
        public void giveBack(AdmissionTicket ticket) {
            standing.remove(ticket);
        }
    }, false, ANSWER_WINDOW);

    @Override
    SendClaims claims() {
        return claims;
    }

    @Override
    void admitAt(AdmissionTicket ticket, Instant at) {
        standing.put(ticket, at);
    }

    @Override
    void markAnswered(AdmissionTicket ticket) {
        answered.add(ticket);
    }

    @Override
    boolean stands(AdmissionTicket ticket) {
        return standing.containsKey(ticket);
    }

    @Override
    void withdraw(AdmissionTicket ticket) {
        standing.remove(ticket);
    }
}
