package io.phonegate.devstack.cognito.auth;

import io.phonegate.devstack.cognito.AppClientConfig;
import io.phonegate.devstack.cognito.CognitoEmulatorSettings;
import io.phonegate.devstack.cognito.CognitoEmulatorSettings.PreventUserExistenceErrors;
import io.phonegate.devstack.cognito.QuotaCategory;
import io.phonegate.devstack.cognito.UserPoolConfig;
import io.phonegate.devstack.cognito.pool.LivePool;
import io.phonegate.devstack.cognito.pool.PoolGuard;
import io.phonegate.devstack.cognito.tokens.RefreshTokens;
import io.phonegate.devstack.cognito.tokens.TokenIssuer;
import io.phonegate.devstack.cognito.users.PasswordPolicy;
import io.phonegate.devstack.cognito.users.User;
import io.phonegate.devstack.cognito.users.UserStore;
import io.phonegate.devstack.cognito.wire.CognitoException;
import io.phonegate.devstack.cognito.wire.JsonRequest;
import io.phonegate.devstack.cognito.wire.Operation;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The custom authentication flow and tokens: AdminInitiateAuth and AdminRespondToAuthChallenge (IAM callers
 * such as the gateway), their public twins InitiateAuth and RespondToAuthChallenge (anyone with the app
 * client's id, and its secret for the SECRET_HASH), and RevokeToken. Both pairs run the same flow: Cognito
 * cannot restrict {@code ALLOW_CUSTOM_AUTH} to the admin API, which is why the Verify trigger checks the
 * gateway's signature on each answer. A user who must still change its password
 * ({@code FORCE_CHANGE_PASSWORD}, from {@code AdminCreateUser}) gets {@code NEW_PASSWORD_REQUIRED} instead of
 * tokens once Define would issue them.
 */
public final class AuthOperations {

    private static final String CUSTOM_CHALLENGE = "CUSTOM_CHALLENGE";
    private static final String NEW_PASSWORD_REQUIRED = "NEW_PASSWORD_REQUIRED";
    private static final String FAILED_AUTH = "Incorrect username or password.";
    /** Flows Cognito knows that the emulator does not run: refused as a client that does not allow them. */
    private static final Set<String> OTHER_FLOWS = Set.of("USER_SRP_AUTH", "USER_PASSWORD_AUTH",
            "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH", "USER_AUTH");

    private final JsonMapper json;
    private final LivePool live;
    private final CognitoEmulatorSettings settings;
    private final PoolGuard guard;
    private final UserStore users;
    private final TokenIssuer tokens;
    private final RefreshTokens refreshTokens;
    private final TriggerRunner triggers;
    private final AuthSessions sessions;

    public AuthOperations(JsonMapper json, LivePool live, PoolGuard guard, UserStore users, TokenIssuer tokens,
                          RefreshTokens refreshTokens) {
        this.json = json;
        this.live = live;
        this.settings = live.settings();
        this.guard = guard;
        this.users = users;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.triggers = new TriggerRunner(json, settings);
        this.sessions = new AuthSessions(settings.clock(), () -> live.client().authSessionValidity());
    }

    public List<Operation> operations() {
        return List.of(
                Operation.of("AdminInitiateAuth", QuotaCategory.USER_AUTHENTICATION, this::adminInitiateAuth),
                // Cognito allows RespondToAuthChallenge three times the UserAuthentication rate
                new Operation("AdminRespondToAuthChallenge", QuotaCategory.USER_AUTHENTICATION, 3, this::adminRespondToAuthChallenge),
                Operation.of("InitiateAuth", QuotaCategory.USER_AUTHENTICATION, this::initiateAuth),
                new Operation("RespondToAuthChallenge", QuotaCategory.USER_AUTHENTICATION, 3, this::respondToAuthChallenge),
                Operation.of("RevokeToken", QuotaCategory.USER_TOKEN, this::revokeToken));
    }

    private ObjectNode adminInitiateAuth(JsonRequest request) {
        guard.requirePool(request.required("UserPoolId"));
        return initiateAuth(request);
    }

    /** The public InitiateAuth: the same flows as the admin call, named by the app client alone. */
    private ObjectNode initiateAuth(JsonRequest request) {
        String clientId = request.required("ClientId");
        guard.requireClient(clientId);
        String flow = request.required("AuthFlow");
        Map<String, String> parameters = request.stringMap("AuthParameters");
        AppClientConfig client = live.client();
        return switch (flow) {
            case "CUSTOM_AUTH" -> {
                requireFlow(client, "ALLOW_CUSTOM_AUTH");
                yield startCustomAuth(clientId, parameters);
            }
            case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> {
                requireFlow(client, "ALLOW_REFRESH_TOKEN_AUTH");
                yield refresh(clientId, parameters);
            }
            default -> throw OTHER_FLOWS.contains(flow)
                    ? CognitoException.invalidParameter("Auth flow not enabled for this client")
                    : CognitoException.invalidParameter("1 validation error detected: Value '" + flow
                    + "' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, ADMIN_NO_SRP_AUTH, "
                    + "USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH]");
        };
    }

    private ObjectNode startCustomAuth(String clientId, Map<String, String> parameters) {
        if (!live.pool().triggers().containsAll(UserPoolConfig.CHALLENGE_TRIGGERS)) {
            throw CognitoException.invalidParameter("Custom auth lambda trigger is not configured for the user pool.");
        }
        String username = requiredParameter(parameters, "USERNAME");
        guard.verifySecretHash(parameters.get("SECRET_HASH"), username);
        Optional<User> found = users.find(username);
        if (found.isEmpty()) {
            if (live.client().preventUserExistenceErrors() == PreventUserExistenceErrors.LEGACY) {
                throw CognitoException.userNotFound();
            }
            // ENABLED: the triggers run for a user that does not exist and are expected to fail it
            TriggerRunner.Decision decision = triggers.define(username, null, List.of(), Map.of());
            if (decision != TriggerRunner.Decision.FAIL) {
                throw CognitoException.invalidLambdaResponse(
                        "Invalid lambda response: DefineAuthChallenge must fail authentication for an unknown user");
            }
            throw CognitoException.notAuthorized(FAILED_AUTH);
        }
        User user = usable(found.get());
        // (Admin)InitiateAuth's ClientMetadata does not reach the auth challenge triggers in Cognito
        return nextStep(user, clientId, List.of(), Map.of());
    }

    private ObjectNode adminRespondToAuthChallenge(JsonRequest request) {
        guard.requirePool(request.required("UserPoolId"));
        return respondToAuthChallenge(request);
    }

    /** The public RespondToAuthChallenge: the same as the admin call; its ClientMetadata reaches the triggers too. */
    private ObjectNode respondToAuthChallenge(JsonRequest request) {
        String clientId = request.required("ClientId");
        guard.requireClient(clientId);
        String challengeName = request.required("ChallengeName");
        if (!CUSTOM_CHALLENGE.equals(challengeName) && !NEW_PASSWORD_REQUIRED.equals(challengeName)) {
            throw CognitoException.invalidParameter("Invalid challenge name: only " + CUSTOM_CHALLENGE + " and "
                    + NEW_PASSWORD_REQUIRED + " are in use in this flow");
        }
        String token = request.required("Session");
        Map<String, String> responses = request.stringMap("ChallengeResponses");
        String username = requiredParameter(responses, "USERNAME");
        guard.verifySecretHash(responses.get("SECRET_HASH"), username);
        AuthSessions.AuthSession session = sessions.find(token, clientId);
        // The session belongs to the user's real username: where the phone number is a username
        // attribute, that is the generated one Cognito reported in ChallengeParameters, not the number.
        if (!session.username().equals(username) || !session.challengeName().equals(challengeName)) {
            throw CognitoException.notAuthorized("Invalid session for the user.");
        }
        User user = usable(users.find(username).orElseThrow(CognitoException::userNotFound));
        if (NEW_PASSWORD_REQUIRED.equals(challengeName)) {
            PasswordPolicy.check(requiredParameter(responses, "NEW_PASSWORD"));
            sessions.consume(token, session);
            return authenticated(users.setPassword(username, true), clientId);
        }
        String answer = requiredParameter(responses, "ANSWER");
        sessions.consume(token, session);
        Map<String, String> clientMetadata = request.stringMap("ClientMetadata");
        boolean correct = triggers.verify(user, session.privateParameters(), answer, clientMetadata);
        List<Round> rounds = new ArrayList<>(session.rounds());
        rounds.add(new Round(CUSTOM_CHALLENGE, correct, session.metadata()));
        return nextStep(user, clientId, rounds, clientMetadata);
    }

    /** Define decides; a new challenge runs Create and opens the next session. */
    private ObjectNode nextStep(User user, String clientId, List<Round> rounds, Map<String, String> clientMetadata) {
        switch (triggers.define(user.username(), user, rounds, clientMetadata)) {
            case FAIL -> throw CognitoException.notAuthorized(FAILED_AUTH);
            case ISSUE_TOKENS -> {
                return user.status() == User.UserStatus.FORCE_CHANGE_PASSWORD
                        ? newPasswordRequired(user, clientId) : authenticated(user, clientId);
            }
            default -> {
                TriggerRunner.Challenge challenge = triggers.create(user.username(), user, rounds, clientMetadata);
                String session = sessions.open(CUSTOM_CHALLENGE, user.username(), clientId, rounds,
                        challenge.privateParameters(), challenge.metadata());
                ObjectNode response = json.createObjectNode();
                response.put("ChallengeName", CUSTOM_CHALLENGE);
                response.put("Session", session);
                ObjectNode parameters = response.putObject("ChallengeParameters");
                challenge.publicParameters().forEach(parameters::put);
                parameters.put("USERNAME", user.username());
                return response;
            }
        }
    }

    private ObjectNode newPasswordRequired(User user, String clientId) {
        ObjectNode response = json.createObjectNode();
        response.put("ChallengeName", NEW_PASSWORD_REQUIRED);
        response.put("Session", sessions.open(NEW_PASSWORD_REQUIRED, user.username(), clientId, List.of(), Map.of(), null));
        ObjectNode parameters = response.putObject("ChallengeParameters");
        parameters.put("USER_ID_FOR_SRP", user.username());
        parameters.put("requiredAttributes", "[]");
        ObjectNode attributes = json.createObjectNode();
        user.attributes().forEach((name, value) -> {
            if (!name.equals("sub")) {
                attributes.put(name, value);
            }
        });
        parameters.put("userAttributes", json.writeValueAsString(attributes));
        return response;
    }

    private ObjectNode authenticated(User user, String clientId) {
        Instant authTime = settings.clock().instant();
        String originJti = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        ObjectNode response = json.createObjectNode();
        response.putObject("ChallengeParameters");
        ObjectNode result = response.putObject("AuthenticationResult");
        result.put("AccessToken", tokens.accessToken(user, originJti, authTime, eventId));
        result.put("ExpiresIn", settings.accessTokenValidity().toSeconds());
        result.put("TokenType", "Bearer");
        result.put("RefreshToken", refreshTokens.issue(user.username(), user.sub(), clientId, originJti, authTime));
        result.put("IdToken", tokens.idToken(user, originJti, authTime, eventId));
        return response;
    }

    /** A new ID token from the user's current attributes; the refresh token stays the same and is not returned. */
    private ObjectNode refresh(String clientId, Map<String, String> parameters) {
        RefreshTokens.Grant grant = refreshTokens.redeem(requiredParameter(parameters, "REFRESH_TOKEN"), clientId);
        User user = users.find(grant.username())
                .filter(u -> u.sub().equals(grant.sub()))
                .orElseThrow(() -> CognitoException.notAuthorized("Refresh Token has been revoked"));
        guard.verifySecretHash(parameters.get("SECRET_HASH"), user.username(), user.sub());
        if (!user.enabled()) {
            throw CognitoException.notAuthorized("User is disabled.");
        }
        String eventId = UUID.randomUUID().toString();
        ObjectNode response = json.createObjectNode();
        response.putObject("ChallengeParameters");
        ObjectNode result = response.putObject("AuthenticationResult");
        result.put("AccessToken", tokens.accessToken(user, grant.originJti(), grant.authTime(), eventId));
        result.put("ExpiresIn", settings.accessTokenValidity().toSeconds());
        result.put("TokenType", "Bearer");
        result.put("IdToken", tokens.idToken(user, grant.originJti(), grant.authTime(), eventId));
        return response;
    }

    private ObjectNode revokeToken(JsonRequest request) {
        String token = request.required("Token");
        guard.requireClient(request.required("ClientId"));
        guard.verifyClientSecret(request.optional("ClientSecret").orElse(null));
        if (!live.client().tokenRevocation()) {
            throw new CognitoException("UnsupportedOperationException", 400,
                    "Token revocation is not enabled for this app client.");
        }
        if (token.chars().filter(c -> c == '.').count() == 2) {
            throw CognitoException.unsupportedTokenType("Only refresh tokens can be revoked.");
        }
        refreshTokens.revoke(token);
        return json.createObjectNode();
    }

    private static void requireFlow(AppClientConfig client, String flow) {
        if (!client.allows(flow)) {
            throw CognitoException.invalidParameter("Auth flow not enabled for this client");
        }
    }

    /** Cognito's order: a disabled user is refused before the confirmation status is looked at. */
    private static User usable(User user) {
        if (!user.enabled()) {
            throw CognitoException.notAuthorized("User is disabled.");
        }
        if (user.status() == User.UserStatus.UNCONFIRMED) {
            throw CognitoException.userNotConfirmed();
        }
        return user;
    }

    private static String requiredParameter(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isEmpty()) {
            throw CognitoException.invalidParameter("Missing required parameter " + name);
        }
        return value;
    }
}
