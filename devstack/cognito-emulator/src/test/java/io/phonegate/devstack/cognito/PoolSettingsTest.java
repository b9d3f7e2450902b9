package io.phonegate.devstack.cognito;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminRespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnsupportedOperationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How the pool and client settings a team may have change what Cognito answers. */
class PoolSettingsTest {

    private static final String PHONE = "+919812345690";
    private RunningEmulator cognito = new RunningEmulator();

    @AfterEach
    void stop() {
        cognito.close();
    }

    @Test
    void withoutTheChallengeTriggersCustomAuthIsAnInvalidParameter() {
        cognito.createUser(PHONE);
        cognito.emulator.updateUserPool(pool -> pool.withTriggers("DefineAuthChallenge", "CreateAuthChallenge"));

        assertError(() -> cognito.initiate(PHONE), InvalidParameterException.class,
                "Custom auth lambda trigger is not configured for the user pool.");
    }

    @Test
    void flowsTheClientDoesNotAllowAreRefused() {
        cognito.createUser(PHONE);
        AdminRespondToAuthChallengeResponse tokens = signIn(PHONE, PHONE);
        cognito.emulator.updateAppClient(client -> client.withExplicitAuthFlows("ALLOW_USER_SRP_AUTH"));

        assertError(() -> cognito.initiate(PHONE), InvalidParameterException.class, "Auth flow not enabled for this client");
        assertError(() -> cognito.cognito.adminInitiateAuth(r -> r.userPoolId(cognito.emulator.userPoolId())
                        .clientId(cognito.emulator.clientId()).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                        .authParameters(Map.of("REFRESH_TOKEN", tokens.authenticationResult().refreshToken(),
                                "SECRET_HASH", cognito.secretHash(PHONE)))),
                InvalidParameterException.class, "Auth flow not enabled for this client");
    }

    @Test
    void idTokensCarryOnlyTheAttributesTheClientMayRead() throws Exception {
        cognito.createUser(PHONE);
        cognito.cognito.adminUpdateUserAttributes(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE)
                .userAttributes(AttributeType.builder().name("custom:pg_completed").value("2026-01-01T00:00:00Z").build(),
                        AttributeType.builder().name("locale").value("hi").build()));
        assertThat(claims(signIn(PHONE, PHONE))).containsKeys("phone_number", "phone_number_verified", "custom:pg_completed")
                .doesNotContainKey("locale");

        cognito.emulator.updateAppClient(client -> client.withReadAttributes("phone_number"));

        assertThat(claims(signIn(PHONE, PHONE))).containsKeys("sub", "phone_number")
                .doesNotContainKeys("phone_number_verified", "custom:pg_completed");
    }

    @Test
    void withoutTokenRevocationRevokeTokenIsUnsupported() {
        cognito.createUser(PHONE);
        String refreshToken = signIn(PHONE, PHONE).authenticationResult().refreshToken();
        cognito.emulator.updateAppClient(client -> client.withTokenRevocation(false));

        assertError(() -> cognito.cognito.revokeToken(r -> r.clientId(cognito.emulator.clientId())
                        .clientSecret(cognito.emulator.clientSecret()).token(refreshToken)),
                UnsupportedOperationException.class, "Token revocation is not enabled for this app client.");
    }

    @Test
    void aClientWithoutASecretNeedsNoSecretHash() {
        restart(s -> s.withClientSecret(null));
        cognito.createUser(PHONE);

        AdminInitiateAuthResponse started = cognito.cognito.adminInitiateAuth(r -> r.userPoolId(cognito.emulator.userPoolId())
                .clientId(cognito.emulator.clientId()).authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(Map.of("USERNAME", PHONE)));

        assertThat(started.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
    }

    @Test
    void wherePhoneIsAUsernameAttributeCognitoNamesTheUserAndChallengeAnswersNeedThatName() throws Exception {
        restart(s -> s.withUserPool(s.userPool().withUsernameAttributes("phone_number")));
        String sub = cognito.createUser(PHONE);
        AdminInitiateAuthResponse started = cognito.initiate(PHONE);
        String username = started.challengeParameters().get("USERNAME");
        assertThat(username).isEqualTo(sub);
        String code = cognito.code(started.challengeParameters(), PHONE);

        assertError(() -> cognito.answer(PHONE, started.session(), code), NotAuthorizedException.class,
                "Invalid session for the user.");

        AdminInitiateAuthResponse again = cognito.initiate(PHONE);
        String newCode = cognito.code(again.challengeParameters(), PHONE);
        AdminRespondToAuthChallengeResponse tokens = cognito.answer(username, again.session(), newCode);
        assertThat(claims(tokens)).containsEntry("cognito:username", sub).containsEntry("phone_number", PHONE);
        assertThat(cognito.cognito.adminGetUser(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE)).username())
                .as("admin calls accept the number").isEqualTo(sub);
    }

    @Test
    void wherePhoneIsAUsernameAttributeANumberSignsInOneUserOnlyAndUsernamesMustBeNumbers() {
        restart(s -> s.withUserPool(s.userPool().withUsernameAttributes("phone_number")));
        cognito.createUser(PHONE);

        assertError(() -> cognito.createUser(PHONE), UsernameExistsException.class,
                "An account with the given phone_number already exists.");
        assertError(() -> cognito.cognito.adminCreateUser(r -> r.userPoolId(cognito.emulator.userPoolId()).username("alice")
                .messageAction(MessageActionType.SUPPRESS)), InvalidParameterException.class, "Username should be a phone number.");
    }

    @Test
    void whereThePhoneIsAnAliasAUsernameMayNotLookLikeANumber() {
        restart(s -> s.withUserPool(s.userPool().withAliasAttributes("phone_number")));

        assertError(() -> cognito.createUser(PHONE), InvalidParameterException.class,
                "Username cannot be of phone number format, since user pool is configured for phone number alias.");
    }

    @Test
    void aRequiredAttributeTheCreatorLeavesOutIsRefused() {
        cognito.emulator.updateUserPool(pool -> pool.withRequiredAttributes("email"));

        assertError(() -> cognito.createUser(PHONE), InvalidParameterException.class,
                "Attributes did not conform to the schema: email: The attribute is required");
    }

    private AdminRespondToAuthChallengeResponse signIn(String phone, String username) {
        AdminInitiateAuthResponse started = cognito.initiate(phone);
        return cognito.answer(username, started.session(), cognito.code(started.challengeParameters(), phone));
    }

    private static Map<String, Object> claims(AdminRespondToAuthChallengeResponse tokens) throws Exception {
        return SignedJWT.parse(tokens.authenticationResult().idToken()).getJWTClaimsSet().getClaims();
    }

    private void restart(UnaryOperator<CognitoEmulatorSettings> customise) {
        cognito.close();
        cognito = new RunningEmulator(customise);
    }

    private static void assertError(Executable call, Class<? extends CognitoIdentityProviderException> type, String message) {
        CognitoIdentityProviderException e = catchThrowableOfType(type, () -> call.execute());
        assertThat(e).as("expected %s", type.getSimpleName()).isNotNull();
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    }
}
