package io.phonegate.gateway.cognito;

import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.common.answer.AnswerSignatures;
import io.phonegate.common.user.UserAttributes;
import io.phonegate.gateway.config.CognitoProperties;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminRespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

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
    private final PoolSettingsReader settings;
    private final AnswerSignatures answerSignatures;
    private final Clock clock;

    CognitoUserPool(CognitoIdentityProviderClient client, CognitoProperties cognito, PoolSettingsReader settings,
                    MeterRegistry meters, AnswerSignatures answerSignatures, Clock clock) {
        this.client = client;
        this.userPoolId = cognito.userPoolId();
        this.clientId = cognito.clientId();
        this.clientSecret = cognito.clientSecret();
        this.secretHash = new SecretHash(cognito.clientSecret(), cognito.clientId());
        this.errors = new CognitoErrors(meters);
        this.settings = settings;
        this.answerSignatures = answerSignatures;
        this.clock = clock;
    }

    /**
     * With {@code PreventUserExistenceErrors=ENABLED} Cognito answers an unknown user as it answers a
     * failed sign-in ({@code NotAuthorizedException}, the Define trigger failing it on {@code userNotFound}),
     * so a refusal is looked into with {@code AdminGetUser}, an admin call that setting does not touch: the
     * caller learns what it would have learnt under {@code LEGACY}, and its own caller nothing.
     */
    @Override
    public AuthStep startCustomAuth(String username) {
        AdminInitiateAuthResponse response;
        try {
            response = call("AdminInitiateAuth", () -> client.adminInitiateAuth(r -> r
                    .userPoolId(userPoolId)
                    .clientId(clientId)
                    .authFlow(AuthFlowType.CUSTOM_AUTH)
                    .authParameters(Map.of("USERNAME", username, "SECRET_HASH", secretHash.of(username)))));
        } catch (AuthRejectedException refused) {
            throw whyRefused(username, refused);
        }
        return step(response.challengeNameAsString(), response.authenticationResult(), response.session(),
                response.challengeParameters());
    }

    private UserPoolException whyRefused(String username, UserPoolException refused) {
        AdminGetUserResponse user;
        try {
            user = call("AdminGetUser", () -> client.adminGetUser(r -> r.userPoolId(userPoolId).username(username)));
        } catch (UnknownUserException e) {
            return e;
        }
        if (Boolean.FALSE.equals(user.enabled())) {
            return new DisabledUserException();
        }
        if (user.userStatus() == UserStatusType.UNCONFIRMED) {
            return new UnconfirmedUserException();
        }
        return refused;
    }

    @Override
    public void createUser(String phoneE164) {
        call("AdminCreateUser", () -> client.adminCreateUser(r -> r
                .userPoolId(userPoolId)
                .username(phoneE164)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(
                        AttributeType.builder().name(UserAttributes.PHONE_NUMBER).value(phoneE164).build(),
                        AttributeType.builder().name(UserAttributes.PHONE_NUMBER_VERIFIED).value("false").build())));
        call("AdminSetUserPassword", () -> client.adminSetUserPassword(r -> r
                .userPoolId(userPoolId)
                .username(phoneE164)
                .password(passwords.next())
                .permanent(true)));
    }

    @Override
    public void deleteUser(String username) {
        call("AdminDeleteUser", () -> client.adminDeleteUser(r -> r.userPoolId(userPoolId).username(username)));
    }

    /**
     * The answer goes with the gateway's signature: the Verify trigger accepts no answer without one.
     * Where the phone number is a username attribute, Cognito named the user itself and wants that name
     * in the answer, its secret hash and the signature (the trigger sees that name): one
     * {@code AdminGetUser} finds it. A user whose password was never made permanent (a creation cut short
     * between its two calls) may be asked for a new one after a right code; it gets another random one
     * and the sign-in completes.
     */
    @Override
    public AuthStep answerChallenge(String username, String session, String answer) {
        String cognitoUsername = settings.phoneNumberIsUsername() ? usernameOf(username) : username;
        Map<String, String> signature = Map.of(AnswerSignatures.CLIENT_METADATA_KEY,
                answerSignatures.sign(cognitoUsername, answer, clock.instant()));
        AdminRespondToAuthChallengeResponse response = respond(ChallengeNameType.CUSTOM_CHALLENGE, session,
                Map.of("USERNAME", cognitoUsername, "ANSWER", answer, "SECRET_HASH", secretHash.of(cognitoUsername)),
                signature);
        if (response.challengeName() == ChallengeNameType.NEW_PASSWORD_REQUIRED) {
            response = respond(ChallengeNameType.NEW_PASSWORD_REQUIRED, response.session(), Map.of(
                    "USERNAME", cognitoUsername, "NEW_PASSWORD", passwords.next(),
                    "SECRET_HASH", secretHash.of(cognitoUsername)), Map.of());
        }
        return step(response.challengeNameAsString(), response.authenticationResult(), response.session(),
                response.challengeParameters());
    }

    private AdminRespondToAuthChallengeResponse respond(ChallengeNameType challenge, String session,
                                                        Map<String, String> responses, Map<String, String> metadata) {
        return call("AdminRespondToAuthChallenge", () -> client.adminRespondToAuthChallenge(r -> r
                .userPoolId(userPoolId)
                .clientId(clientId)
                .challengeName(challenge)
                .session(session)
                .challengeResponses(responses)
                .clientMetadata(metadata)));
    }

    private String usernameOf(String phone) {
        return call("AdminGetUser", () -> client.adminGetUser(r -> r.userPoolId(userPoolId).username(phone))).username();
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

    private static AuthStep step(String challengeName, AuthenticationResultType result, String session,
                                 Map<String, String> parameters) {
        if (result != null) {
            return new AuthStep.Tokens(tokens(result));
        }
        if (session == null) {
            throw new CognitoUnavailableException("Cognito answered neither tokens nor a challenge", null);
        }
        if (!ChallengeNameType.CUSTOM_CHALLENGE.toString().equals(challengeName)) {
            // e.g. SMS_MFA where the pool requires MFA: nothing the gateway can answer (the self-check names it)
            throw new CognitoUnavailableException("Cognito asked for " + challengeName
                    + ", which the gateway cannot answer; check the pool's MFA settings", null);
        }
        return new AuthStep.Challenge(session, parameters);
    }

    private static AuthTokens tokens(AuthenticationResultType result) {
        int expiresIn = result.expiresIn() == null ? 0 : result.expiresIn();
        return new AuthTokens(result.idToken(), result.accessToken(), result.refreshToken(), expiresIn,
                result.tokenType());
    }
}
