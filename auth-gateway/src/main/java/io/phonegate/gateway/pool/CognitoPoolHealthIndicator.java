package io.phonegate.gateway.pool;

import io.phonegate.common.pool.PoolVerdict;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of the user pool and app client: DOWN until their settings have been read and suit the
 * gateway, with every mismatch in the details. No call of its own: it reports the self-check's last verdict.
 */
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
        Health.Builder health = verdict.suits() ? Health.up() : Health.down().withDetail("mismatches", verdict.mismatches());
        if (!verdict.warnings().isEmpty()) {
            health.withDetail("warnings", verdict.warnings());
        }
        return health.build();
    }
}
