package io.phonegate.gateway.pool;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.common.pool.PoolRequirements;
import io.phonegate.common.pool.PoolVerdict;
import io.phonegate.gateway.cognito.CognitoUnavailableException;
import io.phonegate.gateway.cognito.PoolSettingsReader;
import io.phonegate.gateway.config.CognitoProperties;
import io.phonegate.gateway.config.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether the user pool and app client are set up as the gateway needs: reads their settings, checks
 * them against {@link PoolRequirements}, and keeps the verdict for readiness. Every mismatch is named
 * in one log line when the verdict changes. A reading that fails (Cognito down, throttled, no IAM
 * permission) keeps the last verdict: a Cognito blip must not take every gateway out of service.
 */
@Component
class PoolSelfCheck {

    private static final Logger log = LoggerFactory.getLogger(PoolSelfCheck.class);

    /** The last verdict, or why there is none yet. */
    record State(PoolVerdict verdict, String unreadBecause) {

        boolean suits() {
            return verdict != null && verdict.suits();
        }
    }

    private final PoolSettingsReader reader;
    private final Duration codeTtl;
    private final String subject;
    private final MeterRegistry meters;
    private volatile State state;

    PoolSelfCheck(PoolSettingsReader reader, GatewayProperties gateway, CognitoProperties cognito, MeterRegistry meters) {
        this.reader = reader;
        this.codeTtl = gateway.codeTtl();
        this.subject = PoolRequirements.subject(cognito.userPoolId(), cognito.clientId());
        this.meters = meters;
        this.state = new State(null, "not read yet");
        Gauge.builder("phonegate.cognito.pool.suitable", this, check -> check.state.suits() ? 1 : 0)
                .description("1 when the user pool and app client settings suit Phonegate, 0 when they do not or could not be read")
                .register(meters);
        Gauge.builder("phonegate.cognito.pool.mismatches", this,
                        check -> check.state.verdict() == null ? 0 : check.state.verdict().mismatches().size())
                .description("Pool and client settings that do not suit Phonegate, at the last reading")
                .register(meters);
        failures("CognitoUnavailableException");
    }

    State state() {
        return state;
    }

    /** Reads the settings once and keeps the verdict; returns it. */
    State check() {
        State next;
        try {
            PoolSettingsReader.Reading reading = reader.read();
            next = new State(PoolRequirements.ofGateway(reading.pool(), reading.client(), codeTtl), null);
        } catch (PoolSettingsReader.PoolNotFoundException e) {
            next = new State(PoolVerdict.missing(subject, e.getMessage()), null);
        } catch (CognitoUnavailableException e) {
            failures(e.getClass().getSimpleName()).increment();
            next = state.verdict() == null ? new State(null, e.getMessage()) : state;
            if (state.verdict() != null) {
                log.warn("Could not read the settings of Cognito {} again ({}); keeping the last verdict", subject,
                        e.getMessage());
            }
        }
        report(state, next);
        state = next;
        return next;
    }

    private void report(State before, State after) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (after.verdict() == null) {
            log.error("Cannot read the settings of Cognito {} ({}): not ready until they can be read", subject,
                    after.unreadBecause());
        } else if (!after.verdict().suits()) {
            log.error("{}. Not ready until fixed (checked again regularly, no restart needed)", after.verdict().describe());
        } else if (!after.verdict().warnings().isEmpty()) {
            log.warn(after.verdict().describe());
        } else {
            log.info(after.verdict().describe());
        }
    }

    private Counter failures(String error) {
        return Counter.builder("phonegate.cognito.pool.check.failures")
                .description("Readings of the pool and client settings that failed")
                .tag("error", error)
                .register(meters);
    }
}
