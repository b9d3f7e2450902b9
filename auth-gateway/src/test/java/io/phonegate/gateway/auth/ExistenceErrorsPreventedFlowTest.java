package io.phonegate.gateway.auth;

import io.phonegate.common.event.OtpPurpose;
import io.phonegate.devstack.cognito.CognitoEmulatorSettings.PreventUserExistenceErrors;
import io.phonegate.gateway.support.EmulatedPool;
import io.phonegate.gateway.support.Phones;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PreventUserExistenceErrors=ENABLED}: Cognito answers an unknown number with
 * {@code NotAuthorizedException} (the Define trigger fails it on {@code userNotFound}). A number the gateway
 * has not seen log in is signed up without asking (announced, then created), so that refusal and the
 * {@code AdminGetUser} it would cost are met only by a number whose user was deleted after it logged in.
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
    void aNewNumberIsCreatedWithoutBeingLookedUp() {
        POOL.emulator().resetCallCounts();

        assertThat(start(Phones.fresh()).status()).isEqualTo(202);

        assertThat(POOL.emulator().callCount("AdminInitiateAuth")).as("only the start after creating").isEqualTo(1);
        assertThat(POOL.emulator().callCount("AdminGetUser")).isZero();
        assertThat(POOL.emulator().callCount("AdminCreateUser")).isEqualTo(1);
        assertThat(POOL.emulator().callCount("AdminSetUserPassword")).isEqualTo(1);
    }

    @Test
    void aNumberThatLoggedInAndWhoseUserWasDeletedIsRefusedLikeAWrongPasswordAndLookedUpBeforeItIsCreated() {
        String phone = Phones.fresh();
        assertThat(verify(phone, start(phone).text("challenge"), codeSentTo(phone, 1)).status()).isEqualTo(200);
        POOL.admin().adminDeleteUser(r -> r.userPoolId(POOL.emulator().userPoolId()).username(phone));
        POOL.emulator().resetCallCounts();

        assertThat(start(phone).status()).isEqualTo(202);

        assertThat(POOL.emulator().callCount("AdminInitiateAuth")).as("refused, then the start after creating").isEqualTo(2);
        assertThat(POOL.emulator().callCount("AdminGetUser")).isEqualTo(1);
        assertThat(POOL.emulator().callCount("AdminCreateUser")).isEqualTo(1);
        assertThat(otp(phone, 2).purpose()).isEqualTo(OtpPurpose.SIGNUP);
    }
}
