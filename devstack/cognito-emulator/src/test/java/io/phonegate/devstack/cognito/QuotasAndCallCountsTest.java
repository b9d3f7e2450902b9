package io.phonegate.devstack.cognito;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class QuotasAndCallCountsTest {

    private static final String PHONE = "+14155550123";
    private final RunningEmulator cognito = new RunningEmulator(RunningEmulator::withSelfSignUp);

    @AfterEach
    void stop() {
        cognito.close();
    }

    @Test
    void callsAreCountedPerOperationFailedOnesIncluded() {
        catchThrowableOfType(UserNotFoundException.class, () -> cognito.initiate(PHONE));
        cognito.createUser(PHONE);
        cognito.initiate(PHONE);

        assertThat(cognito.emulator.callCount("AdminInitiateAuth")).isEqualTo(2);
        assertThat(cognito.emulator.callCount("AdminCreateUser")).isEqualTo(1);
        assertThat(cognito.emulator.callCount("AdminSetUserPassword")).isEqualTo(1);
        assertThat(cognito.emulator.callCount("ListUsers")).isZero();
    }

    @Test
    void resetCallCountsStartsAgainFromZero() {
        cognito.signUp(PHONE);

        cognito.emulator.resetCallCounts();

        assertThat(cognito.emulator.callCount("SignUp")).isZero();
    }

    @Test
    void quotasAreOffByDefault() {
        for (int i = 0; i < 30; i++) {
            catchThrowableOfType(UserNotFoundException.class, () -> cognito.initiate(PHONE));
        }

        assertThat(cognito.emulator.throttledCount()).isZero();
    }

    @Test
    void callsOverTheCategoryQuotaAreThrottled() {
        cognito.emulator.setQuotas(Map.of(QuotaCategory.USER_READ, 2));
        cognito.signUp(PHONE);
        for (int i = 0; i < 2; i++) {
            cognito.cognito.adminGetUser(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE));
        }

        TooManyRequestsException e = catchThrowableOfType(TooManyRequestsException.class,
                () -> cognito.cognito.adminGetUser(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE)));

        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.isThrottlingException()).isTrue();
        assertThat(cognito.emulator.throttledCount()).isEqualTo(1);
    }

    @Test
    void quotaOfOneCategoryLeavesOthersAlone() {
        cognito.signUp(PHONE);
        cognito.emulator.setQuotas(Map.of(QuotaCategory.USER_LIST, 1));

        for (int i = 0; i < 5; i++) {
            cognito.cognito.adminGetUser(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE));
        }

        assertThat(cognito.emulator.throttledCount()).isZero();
    }

    @Test
    void respondToAuthChallengeGetsThreeTimesTheAuthenticationQuota() {
        cognito.createUser(PHONE);
        var started = cognito.initiate(PHONE);
        cognito.emulator.setQuotas(Map.of(QuotaCategory.USER_AUTHENTICATION, 1));
        String code = cognito.code(started.challengeParameters(), PHONE);
        String session = cognito.answer(PHONE, started.session(), RunningEmulator.wrong(code)).session();
        session = cognito.answer(PHONE, session, RunningEmulator.wrong(code)).session();

        assertThat(cognito.answer(PHONE, session, code).authenticationResult()).isNotNull();
        assertThat(cognito.emulator.throttledCount()).isZero();
        assertThat(catchThrowableOfType(TooManyRequestsException.class, () -> cognito.initiate(PHONE))).isNull();
    }

    @Test
    void switchingQuotasOffStopsThrottling() {
        cognito.emulator.setQuotas(Map.of(QuotaCategory.USER_CREATION, 1));
        cognito.signUp(PHONE);

        cognito.emulator.setQuotas(Map.of());

        cognito.signUp("+14155550124");
        assertThat(cognito.emulator.throttledCount()).isZero();
    }
}
