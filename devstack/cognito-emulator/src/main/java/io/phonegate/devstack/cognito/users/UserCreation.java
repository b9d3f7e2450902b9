package io.phonegate.devstack.cognito.users;

import io.phonegate.common.user.UserAttributes;
import io.phonegate.devstack.cognito.AppClientConfig;
import io.phonegate.devstack.cognito.QuotaCategory;
import io.phonegate.devstack.cognito.UserPoolConfig;
import io.phonegate.devstack.cognito.pool.LivePool;
import io.phonegate.devstack.cognito.pool.PoolGuard;
import io.phonegate.devstack.cognito.wire.CognitoException;
import io.phonegate.devstack.cognito.wire.JsonRequest;
import io.phonegate.devstack.cognito.wire.Operation;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How users come to be: the public {@code SignUp} (refused when the pool lets only admins create users,
 * limited to what the app client may write) with {@code AdminConfirmSignUp}, and the admin path,
 * {@code AdminCreateUser} ({@code FORCE_CHANGE_PASSWORD}) with {@code AdminSetUserPassword}.
 */
public final class UserCreation {

    private final JsonMapper json;
    private final LivePool live;
    private final PoolGuard guard;
    private final UserStore users;
    private final AtomicLong invitations = new AtomicLong();

    public UserCreation(JsonMapper json, LivePool live, PoolGuard guard, UserStore users) {
        this.json = json;
        this.live = live;
        this.guard = guard;
        this.users = users;
    }

    public List<Operation> operations() {
        return List.of(
                Operation.of("SignUp", QuotaCategory.USER_CREATION, this::signUp),
                Operation.of("AdminConfirmSignUp", QuotaCategory.USER_CREATION, this::adminConfirmSignUp),
                Operation.of("AdminCreateUser", QuotaCategory.USER_CREATION, this::adminCreateUser),
                Operation.of("AdminSetUserPassword", QuotaCategory.USER_UPDATE, this::adminSetUserPassword));
    }

    /** Invitation messages Cognito would have sent: {@code AdminCreateUser} without {@code MessageAction=SUPPRESS}. */
    public long invitationCount() {
        return invitations.get();
    }

    private ObjectNode signUp(JsonRequest request) {
        guard.requireClient(request.required("ClientId"));
        String username = request.required("Username");
        String password = request.required("Password");
        guard.verifySecretHash(request.optional("SecretHash").orElse(null), username);
        UserPoolConfig pool = live.pool();
        if (pool.adminCreateUserOnly()) {
            throw CognitoException.notAuthorized("SignUp is not permitted for this user pool");
        }
        Map<String, String> attributes = request.attributeList("UserAttributes");
        AppClientConfig client = live.client();
        if (attributes.keySet().stream().anyMatch(name -> !client.writes(name))) {
            throw CognitoException.notAuthorized("A client attempted to write unauthorized attribute");
        }
        PasswordPolicy.check(password);
        User user = create(username, attributes, pool, User.UserStatus.UNCONFIRMED);
        ObjectNode response = json.createObjectNode();
        response.put("UserConfirmed", false);
        response.put("UserSub", user.sub());
        return response;
    }

    private ObjectNode adminConfirmSignUp(JsonRequest request) {
        guard.requirePool(request.required("UserPoolId"));
        users.confirm(request.required("Username"));
        return json.createObjectNode();
    }

    private ObjectNode adminCreateUser(JsonRequest request) {
        guard.requirePool(request.required("UserPoolId"));
        String username = request.required("Username");
        String action = request.optional("MessageAction").orElse(null);
        if (action != null && !action.equals("SUPPRESS") && !action.equals("RESEND")) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + action
                    + "' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]");
        }
        request.optional("TemporaryPassword").ifPresent(PasswordPolicy::check);
        User user;
        if ("RESEND".equals(action)) {
            user = users.get(username);
        } else {
            try {
                user = create(username, request.attributeList("UserAttributes"), live.pool(),
                        User.UserStatus.FORCE_CHANGE_PASSWORD);
            } catch (CognitoException e) {
                throw e.type().equals("UsernameExistsException") && e.getMessage().equals("User already exists")
                        ? CognitoException.usernameExists("User account already exists") : e;
            }
        }
        if (!"SUPPRESS".equals(action)) {
            invitations.incrementAndGet();
        }
        ObjectNode response = json.createObjectNode();
        UserJson.write(response.putObject("User"), user, "Attributes", null);
        return response;
    }

    private ObjectNode adminSetUserPassword(JsonRequest request) {
        guard.requirePool(request.required("UserPoolId"));
        String username = request.required("Username");
        String password = request.required("Password");
        boolean permanent = request.body().path("Permanent").asBoolean(false);
        users.get(username);
        PasswordPolicy.check(password);
        users.setPassword(username, permanent);
        return json.createObjectNode();
    }

    /**
     * Where the phone number is a username attribute, the given username must be a phone number; it becomes
     * the {@code phone_number} and Cognito generates the username. Where the phone number is an alias, a
     * username may not look like one. {@code phone_number_verified} defaults to false for a given number.
     */
    private User create(String username, Map<String, String> attributes, UserPoolConfig pool, User.UserStatus status) {
        Schema.validate(attributes, pool);
        String storedName = null;
        if (pool.phoneNumberIsUsername()) {
            if (!Schema.looksLikePhoneNumber(username)) {
                throw CognitoException.invalidParameter("Username should be a phone number.");
            }
            attributes.putIfAbsent(UserAttributes.PHONE_NUMBER, username);
        } else if (pool.aliasAttributes().contains(UserAttributes.PHONE_NUMBER) && Schema.looksLikePhoneNumber(username)) {
            throw CognitoException.invalidParameter(
                    "Username cannot be of phone number format, since user pool is configured for phone number alias.");
        } else {
            storedName = username;
        }
        Schema.requireRequired(attributes, pool);
        if (attributes.containsKey(UserAttributes.PHONE_NUMBER)) {
            attributes.putIfAbsent(UserAttributes.PHONE_NUMBER_VERIFIED, "false");
        }
        return users.create(storedName, attributes, status);
    }
}
