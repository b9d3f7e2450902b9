package io.phonegate.gateway.cognito;

import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.common.answer.AnswerSignatures;
import io.phonegate.common.user.UserAttributes;
import io.phonegate.gateway.config.CognitoProperties;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminRespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/** {@link UserPool} on the AWS SDK's Cognito client (real AWS, or the devstack emulator by endpoint override). */
class CognitoUserPool implements UserPool {

    private final CognitoIdentityProviderClient client;
    private final String userPoolId;
    private final String clientId;
    private final String clientSecret;
    private final SecretHash secretHash;
    private final RandomPassword passwords = new RandomPassword();
    private final CognitoErrors errors;
    private final AnswerSignatures answerSignatures;
    private final Clock clock;

    CognitoUserPool(CognitoIdentityProviderClient client, CognitoProperties cognito, MeterRegistry meters,
                    AnswerSignatures answerSignatures, Clock clock) {
        this.client = client;
        this.userPoolId = cognito.userPoolId();
        this.clientId = cognito.clientId();
        this.clientSecret = cognito.clientSecret();
        this.secretHash = new SecretHash(cognito.clientSecret(), cognito.clientId());
        this.errors = new CognitoErrors(meters);
        this.answerSignatures = answerSignatures;
        this.clock = clock;
    }

    @Override
    public AuthStep startCustomAuth(String username) {
        AdminInitiateAuthResponse response = call("AdminInitiateAuth", () -> client.adminInitiateAuth(r -> r
                .userPoolId(userPoolId)
                .clientId(clientId)
                .authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", username, "SECRET_HASH", secretHash.of(username)))));
        return step(response.authenticationResult(), response.session(), response.challengeParameters());
    }

    @Override
    public String signUp(String username, String phoneE164) {
        return call("SignUp", () -> client.signUp(r -> r
                .clientId(clientId)
                .username(username)
                .password(passwords.next())
                .secretHash(secretHash.of(username))
                .userAttributes(AttributeType.builder().name(UserAttributes.PHONE_NUMBER).value(phoneE164).build())))
                .userSub();
    }

    @Override
    public void confirmSignUp(String username) {
        call("AdminConfirmSignUp", () -> client.adminConfirmSignUp(r -> r.userPoolId(userPoolId).username(username)));
    }

    @Override
    public void deleteUser(String username) {
        call("AdminDeleteUser", () -> client.adminDeleteUser(r -> r.userPoolId(userPoolId).username(username)));
    }

    /** The answer goes with the gateway's signature: the Verify trigger accepts no answer without one. */
    @Override
    public AuthStep answerChallenge(String username, String session, String answer) {
        Map<String, String> signature = Map.of(AnswerSignatures.CLIENT_METADATA_KEY,
                answerSignatures.sign(username, answer, clock.instant()));
        AdminRespondToAuthChallengeResponse response = call("AdminRespondToAuthChallenge",
                () -> client.adminRespondToAuthChallenge(r -> r
                        .userPoolId(userPoolId)
                        .clientId(clientId)
                        .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                        .session(session)
                        .challengeResponses(Map.of("USERNAME", username, "ANSWER", answer,
                                "SECRET_HASH", secretHash.of(username)))
                        .clientMetadata(signature)));
        return step(response.authenticationResult(), response.session(), response.challengeParameters());
    }

    @Override
    public void markSignupCompleted(String username, Instant completedAt) {
        call("AdminUpdateUserAttributes", () -> client.adminUpdateUserAttributes(r -> r
                .userPoolId(userPoolId)
                .username(username)
                .userAttributes(
                        AttributeType.builder().name(UserAttributes.PHONE_NUMBER_VERIFIED).value("true").build(),
                        AttributeType.builder().name(UserAttributes.COMPLETED_AT).value(completedAt.toString()).build())));
    }

    @Override
    public AuthTokens refresh(String username, String refreshToken) {
        Map<String, String> parameters = Map.of("REFRESH_TOKEN", refreshToken, "SECRET_HASH", secretHash.of(username));
        AdminInitiateAuthResponse response = call("AdminInitiateAuth", () -> client.adminInitiateAuth(r -> r
                .userPoolId(userPoolId)
                .clientId(clientId)
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(parameters)));
        if (response.authenticationResult() == null) {
            throw new AuthRejectedException("Cognito answered a refresh without tokens");
        }
        return tokens(response.authenticationResult());
    }

    @Override
    public void revoke(String refreshToken) {
        call("RevokeToken", () -> client.revokeToken(r -> r.clientId(clientId).clientSecret(clientSecret)
                .token(refreshToken)));
    }

    private <T> T call(String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (CognitoIdentityProviderException e) {
            throw errors.translate(operation, e);
        } catch (SdkException e) {
            throw errors.unreachable(operation, e);
        }
    }

    private static AuthStep step(AuthenticationResultType result, String session, Map<String, String> parameters) {
        if (result != null) {
            return new AuthStep.Tokens(tokens(result));
        }
        if (session == null) {
            throw new CognitoUnavailableException("Cognito answered neither tokens nor a challenge", null);
        }
        return new AuthStep.Challenge(session, parameters);
    }

    private static AuthTokens tokens(AuthenticationResultType result) {
        int expiresIn = result.expiresIn() == null ? 0 : result.expiresIn();
        return new AuthTokens(result.idToken(), result.accessToken(), result.refreshToken(), expiresIn,
                result.tokenType());
    }
}
