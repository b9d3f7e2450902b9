package io.phonegate.dispatcher.claim;

class InMemorySendClaimsTest extends SendClaimsContract {

    private final SendClaims claims = new InMemorySendClaims(LEASE, RETENTION);

    @Override
    SendClaims claims() {
        return claims;
    }
}
