package io.phonegate.reaper.cognito;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.common.pool.PoolRequirements;
import io.phonegate.common.pool.PoolVerdict;
import io.phonegate.common.pool.UserPoolSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whether the user pool is set up as the reaper's deletion rule needs ({@link PoolRequirements#ofReaper}):
 * the completion marker in the schema, users named by their number. Until a reading says so, the reaper
 * deletes nobody (a due sign-up waits and is tried again) and is not ready. A reading that fails keeps
 * the last verdict. Also tells how users sign in, which decides which users the full scan counts as Phonegate's.
 */
@Component
public class PoolSelfCheck {

    private static final Logger log = LoggerFactory.getLogger(PoolSelfCheck.class);

    /** The last verdict and what was read, or why there is none yet. */
    record State(PoolVerdict verdict, UserPoolSettings pool, String unreadBecause) {

        boolean suits() {
            return verdict != null && verdict.suits();
        }
    }

    private final CognitoIdentityProviderClient client;
    private final String userPoolId;
    private final MeterRegistry meters;
    private volatile State state = new State(null, null, "not read yet");

    PoolSelfCheck(CognitoIdentityProviderClient client, CognitoProperties cognito, MeterRegistry meters) {
        this.client = client;
        this.userPoolId = cognito.userPoolId();
        this.meters = meters;
        Gauge.builder("phonegate.cognito.pool.suitable", this, check -> check.state.suits() ? 1 : 0)
                .description("1 when the user pool settings suit Phonegate, 0 when they do not or could not be read")
                .register(meters);
        Gauge.builder("phonegate.cognito.pool.mismatches", this,
                        check -> check.state.verdict() == null ? 0 : check.state.verdict().mismatches().size())
                .description("Pool settings that do not suit Phonegate, at the last reading")
                .register(meters);
        failures("CognitoUnavailableException");
    }

    /** The pool's settings suit the deletion rule, as last read. */
    public boolean suits() {
        return state.suits();
    }

    /** Users sign in with the phone number as a username attribute (as last read): Cognito names them. */
    public boolean phoneNumberIsUsername() {
        State now = state;
        return now.pool() != null && now.pool().phoneNumberIsUsername();
    }

    State state() {
        return state;
    }

    /** Reads the settings once and keeps the verdict. */
    State check() {
        State before = state;
        State next;
        try {
            UserPoolSettings pool = settings(client.describeUserPool(r -> r.userPoolId(userPoolId)).userPool());
            next = new State(PoolRequirements.ofReaper(pool), pool, null);
        } catch (ResourceNotFoundException e) {
            next = new State(PoolVerdict.missing(PoolRequirements.subject(userPoolId, null),
                    "user pool " + userPoolId + " does not exist (DescribeUserPool answered ResourceNotFoundException)"),
                    null, null);
        } catch (SdkException e) {
            failures("CognitoUnavailableException").increment();
            String why = "DescribeUserPool failed: " + (e instanceof CognitoIdentityProviderException service
                    && service.awsErrorDetails() != null ? service.awsErrorDetails().errorCode() : e.getClass().getSimpleName());
            next = before.verdict() == null ? new State(null, null, why) : before;
        }
        if (!Objects.equals(before, next)) {
            report(next);
        }
        state = next;
        return next;
    }

    private void report(State now) {
        if (now.verdict() == null) {
            log.error("Cannot read the settings of Cognito user pool {} ({}): deleting nobody until they can be read",
                    userPoolId, now.unreadBecause());
        } else if (!now.verdict().suits()) {
            log.error("{}. Deleting nobody until fixed (checked again regularly, no restart needed)", now.verdict().describe());
        } else {
            log.info(now.verdict().describe());
        }
    }

    private static UserPoolSettings settings(UserPoolType pool) {
        Map<String, UserPoolSettings.SchemaAttribute> schema = new HashMap<>();
        for (SchemaAttributeType attribute : pool.schemaAttributes()) {
            schema.put(attribute.name(), new UserPoolSettings.SchemaAttribute(attribute.attributeDataTypeAsString(),
                    Boolean.TRUE.equals(attribute.mutable()), Boolean.TRUE.equals(attribute.required())));
        }
        // The reaper's rule does not depend on the triggers, MFA or self sign-up: left out of its reading.
        return new UserPoolSettings(pool.id(), Set.of(), schema, Set.copyOf(pool.usernameAttributesAsStrings()),
                Set.copyOf(pool.aliasAttributesAsStrings()), pool.mfaConfigurationAsString(), true);
    }

    private Counter failures(String error) {
        return Counter.builder("phonegate.cognito.pool.check.failures")
                .description("Readings of the pool settings that failed")
                .tag("error", error)
                .register(meters);
    }
}
