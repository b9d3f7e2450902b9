package io.phonegate.gateway.auth;

import io.phonegate.devstack.cognito.CognitoEmulatorSettings.PreventUserExistenceErrors;
import io.phonegate.gateway.support.EmulatedPool;
import io.phonegate.gateway.support.Phones;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PreventUserExistenceErrors=ENABLED}: Cognito answers an unknown number with
 * {@code NotAuthorizedException} (the Define trigger fails it on {@code userNotFound}); the gateway asks
 * {@code AdminGetUser} and signs the number up, announcing it first, as under LEGACY.
 */
class ExistenceErrorsPreventedFlowTest extends FlowUnderPoolSettingsTest {

    static final EmulatedPool POOL = EmulatedPool.start(s -> s.withPreventUserExistenceErrors(PreventUserExistenceErrors.ENABLED));

    @DynamicPropertySource
    static void cognito(DynamicPropertyRegistry registry) {
        POOL.register(registry);
    }

    @Override
    EmulatedPool pool() {
        return POOL;
    }

    @Test
    void anUnknownNumberIsRefusedLikeAWrongPasswordAndLookedUpBeforeItIsCreated() {
        POOL.emulator().resetCallCounts();

        assertThat(start(Phones.fresh()).status()).isEqualTo(202);

        assertThat(POOL.emulator().callCount("AdminInitiateAuth")).as("refused, then the start after creating").isEqualTo(2);
        assertThat(POOL.emulator().callCount("AdminGetUser")).isEqualTo(1);
        assertThat(POOL.emulator().callCount("AdminCreateUser")).isEqualTo(1);
        assertThat(POOL.emulator().callCount("AdminSetUserPassword")).isEqualTo(1);
    }
}
