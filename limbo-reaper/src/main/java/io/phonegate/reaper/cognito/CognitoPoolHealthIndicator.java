package io.phonegate.reaper.cognito;

import io.phonegate.common.pool.PoolVerdict;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Readiness of the user pool: DOWN (and no deletions) until its settings have been read and suit the reaper. */
@Component("cognitoPool")
class CognitoPoolHealthIndicator implements HealthIndicator {

    private final PoolSelfCheck check;

    CognitoPoolHealthIndicator(PoolSelfCheck check) {
        this.check = check;
    }

    @Override
    public Health health() {
        PoolSelfCheck.State state = check.state();
        PoolVerdict verdict = state.verdict();
        if (verdict == null) {
            return Health.down().withDetail("error", state.unreadBecause()).build();
        }
        return verdict.suits() ? Health.up().build() : Health.down().withDetail("mismatches", verdict.mismatches()).build();
    }
}
