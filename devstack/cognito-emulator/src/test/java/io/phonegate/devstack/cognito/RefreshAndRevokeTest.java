package io.phonegate.devstack.cognito;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnsupportedTokenTypeException;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RefreshAndRevokeTest {

    private static final String PHONE = "+447700900123";
    private final RunningEmulator cognito = new RunningEmulator();
    private AuthenticationResultType tokens;

    @BeforeEach
    void logIn() {
        cognito.createUser(PHONE);
        AdminInitiateAuthResponse started = cognito.initiate(PHONE);
        tokens = cognito.answer(PHONE, started.session(), cognito.code(started.challengeParameters(), PHONE)).authenticationResult();
    }

    @AfterEach
    void stop() {
        cognito.close();
    }

    @Test
    void refreshReturnsAnIdTokenFromTheUsersCurrentAttributes() throws Exception {
        cognito.cognito.adminUpdateUserAttributes(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE)
                .userAttributes(a -> a.name("phone_number_verified").value("true")));

        AuthenticationResultType refreshed = refresh(tokens.refreshToken());

        assertThat(SignedJWT.parse(tokens.idToken()).getJWTClaimsSet().getBooleanClaim("phone_number_verified")).isFalse();
        assertThat(SignedJWT.parse(refreshed.idToken()).getJWTClaimsSet().getBooleanClaim("phone_number_verified")).isTrue();
        assertThat(refreshed.accessToken()).isNotBlank();
        assertThat(refreshed.refreshToken()).isNull();
    }

    @Test
    void refreshKeepsTheOriginalAuthenticationTimeAndOrigin() throws Exception {
        cognito.clock.advance(Duration.ofMinutes(10));

        AuthenticationResultType refreshed = refresh(tokens.refreshToken());

        var original = SignedJWT.parse(tokens.idToken()).getJWTClaimsSet();
        var fresh = SignedJWT.parse(refreshed.idToken()).getJWTClaimsSet();
        assertThat(fresh.getLongClaim("auth_time")).isEqualTo(original.getLongClaim("auth_time"));
        assertThat(fresh.getStringClaim("origin_jti")).isEqualTo(original.getStringClaim("origin_jti"));
        assertThat(fresh.getIssueTime()).isAfter(original.getIssueTime());
    }

    @Test
    void revokedRefreshTokenIsNotAuthorized() {
        cognito.cognito.revokeToken(r -> r.clientId(cognito.emulator.clientId()).clientSecret(cognito.emulator.clientSecret())
                .token(tokens.refreshToken()));

        NotAuthorizedException e = catchThrowableOfType(NotAuthorizedException.class, () -> refresh(tokens.refreshToken()));

        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Refresh Token has been revoked");
    }

    @Test
    void revokingAnUnknownTokenSucceeds() {
        cognito.cognito.revokeToken(r -> r.clientId(cognito.emulator.clientId()).clientSecret(cognito.emulator.clientSecret())
                .token("never-issued"));

        assertThat(refresh(tokens.refreshToken()).idToken()).isNotBlank();
    }

    @Test
    void revokingWithAWrongClientSecretIsNotAuthorized() {
        NotAuthorizedException e = catchThrowableOfType(NotAuthorizedException.class, () -> cognito.cognito.revokeToken(
                r -> r.clientId(cognito.emulator.clientId()).clientSecret("wrong").token(tokens.refreshToken())));

        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(refresh(tokens.refreshToken()).idToken()).isNotBlank();
    }

    @Test
    void accessTokenCannotBeRevoked() {
        UnsupportedTokenTypeException e = catchThrowableOfType(UnsupportedTokenTypeException.class, () -> cognito.cognito.revokeToken(
                r -> r.clientId(cognito.emulator.clientId()).clientSecret(cognito.emulator.clientSecret()).token(tokens.accessToken())));

        assertThat(e.statusCode()).isEqualTo(400);
    }

    @Test
    void disabledUserCannotRefresh() {
        cognito.cognito.adminDisableUser(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE));

        NotAuthorizedException e = catchThrowableOfType(NotAuthorizedException.class, () -> refresh(tokens.refreshToken()));

        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User is disabled.");
    }

    @Test
    void deletedUsersRefreshTokenIsRevoked() {
        cognito.cognito.adminDeleteUser(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE));

        NotAuthorizedException e = catchThrowableOfType(NotAuthorizedException.class, () -> refresh(tokens.refreshToken()));

        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Refresh Token has been revoked");
    }

    @Test
    void unknownRefreshTokenIsNotAuthorized() {
        NotAuthorizedException e = catchThrowableOfType(NotAuthorizedException.class, () -> refresh("not-a-token"));

        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid Refresh Token");
    }

    @Test
    void refreshTokenExpiresAfterThirtyDays() {
        cognito.clock.advance(Duration.ofDays(30));

        NotAuthorizedException e = catchThrowableOfType(NotAuthorizedException.class, () -> refresh(tokens.refreshToken()));

        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Refresh Token has expired");
    }

    @Test
    void refreshWithoutSecretHashIsNotAuthorized() {
        NotAuthorizedException e = catchThrowableOfType(NotAuthorizedException.class, () ->
                cognito.cognito.adminInitiateAuth(r -> r.userPoolId(cognito.emulator.userPoolId())
                        .clientId(cognito.emulator.clientId()).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                        .authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken()))));

        assertThat(e.statusCode()).isEqualTo(403);
    }

    private AuthenticationResultType refresh(String refreshToken) {
        return cognito.cognito.adminInitiateAuth(r -> r.userPoolId(cognito.emulator.userPoolId())
                .clientId(cognito.emulator.clientId()).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", refreshToken, "SECRET_HASH", cognito.secretHash(PHONE))))
                .authenticationResult();
    }
}
