package io.phonegate.devstack.cognito.users;

import io.phonegate.common.user.UserAttributes;
import io.phonegate.devstack.cognito.QuotaCategory;
import io.phonegate.devstack.cognito.pool.PoolGuard;
import io.phonegate.devstack.cognito.tokens.RefreshTokens;
import io.phonegate.devstack.cognito.wire.CognitoException;
import io.phonegate.devstack.cognito.wire.JsonRequest;
import io.phonegate.devstack.cognito.wire.Operation;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** SignUp and the admin user operations: AdminConfirmSignUp, AdminGetUser, AdminDeleteUser, ListUsers, … */
public final class UserOperations {

    private static final Pattern E164 = Pattern.compile("\\+[0-9]{4,15}");
    private static final Set<String> STANDARD_ATTRIBUTES = Set.of(
            "address", "birthdate", "email", "email_verified", "family_name", "gender", "given_name", "locale",
            "middle_name", "name", "nickname", "phone_number", "phone_number_verified", "picture",
            "preferred_username", "profile", "updated_at", "website", "zoneinfo");
    /**
     * The pool's custom attributes, as its schema would define them: Cognito refuses any other
     * {@code custom:} attribute. {@code custom:pg_completed} is the gateway's "ever completed sign-up" marker.
     */
    private static final Set<String> CUSTOM_ATTRIBUTES = Set.of(UserAttributes.COMPLETED_AT);
    private static final int MAX_LIST_LIMIT = 60;

    private final JsonMapper json;
    private final PoolGuard guard;
    private final UserStore users;
    private final RefreshTokens refreshTokens;

    public UserOperations(JsonMapper json, PoolGuard guard, UserStore users, RefreshTokens refreshTokens) {
        this.json = json;
        this.guard = guard;
        this.users = users;
        this.refreshTokens = refreshTokens;
    }

    public List<Operation> operations() {
        return List.of(
                Operation.of("SignUp", QuotaCategory.USER_CREATION, this::signUp),
                Operation.of("AdminConfirmSignUp", QuotaCategory.USER_CREATION, this::adminConfirmSignUp),
                Operation.of("AdminGetUser", QuotaCategory.USER_READ, this::adminGetUser),
                Operation.of("AdminDeleteUser", QuotaCategory.USER_UPDATE, this::adminDeleteUser),
                Operation.of("AdminUpdateUserAttributes", QuotaCategory.USER_UPDATE, this::adminUpdateUserAttributes),
                Operation.of("AdminDisableUser", QuotaCategory.USER_UPDATE, this::adminDisableUser),
                Operation.of("AdminEnableUser", QuotaCategory.USER_UPDATE, this::adminEnableUser),
                Operation.of("ListUsers", QuotaCategory.USER_LIST, this::listUsers));
    }

    private ObjectNode signUp(JsonRequest request) {
        guard.requireClient(request.required("ClientId"));
        String username = request.required("Username");
        String password = request.required("Password");
        guard.verifySecretHash(request.optional("SecretHash").orElse(null), username);
        Map<String, String> attributes = request.attributeList("UserAttributes");
        validateAttributes(attributes);
        PasswordPolicy.check(password);
        if (attributes.containsKey("phone_number") && !attributes.containsKey("phone_number_verified")) {
            attributes.put("phone_number_verified", "false");
        }
        User user = users.create(username, attributes);
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

    private ObjectNode adminGetUser(JsonRequest request) {
        guard.requirePool(request.required("UserPoolId"));
        User user = users.get(request.required("Username"));
        ObjectNode response = json.createObjectNode();
        response.put("Username", user.username());
        attributes(response.putArray("UserAttributes"), user, null);
        dates(response, user);
        response.put("Enabled", user.enabled());
        response.put("UserStatus", user.status().name());
        return response;
    }

    private ObjectNode adminDeleteUser(JsonRequest request) {
        guard.requirePool(request.required("UserPoolId"));
        User deleted = users.delete(request.required("Username"));
        refreshTokens.revokeAllOf(deleted.sub());
        return json.createObjectNode();
    }

    private ObjectNode adminUpdateUserAttributes(JsonRequest request) {
        guard.requirePool(request.required("UserPoolId"));
        String username = request.required("Username");
        Map<String, String> changes = request.attributeList("UserAttributes");
        if (changes.isEmpty()) {
            throw CognitoException.invalidParameter("1 validation error detected: Value null at 'userAttributes' "
                    + "failed to satisfy constraint: Member must not be null");
        }
        validateAttributes(changes);
        User user = users.get(username);
        if (changes.containsKey("phone_number") && !changes.get("phone_number").equals(user.attributes().get("phone_number"))
                && !changes.containsKey("phone_number_verified")) {
            changes.put("phone_number_verified", "false");
        }
        users.updateAttributes(username, changes);
        return json.createObjectNode();
    }

    private ObjectNode adminDisableUser(JsonRequest request) {
        guard.requirePool(request.required("UserPoolId"));
        users.setEnabled(request.required("Username"), false);
        return json.createObjectNode();
    }

    private ObjectNode adminEnableUser(JsonRequest request) {
        guard.requirePool(request.required("UserPoolId"));
        users.setEnabled(request.required("Username"), true);
        return json.createObjectNode();
    }

    private ObjectNode listUsers(JsonRequest request) {
        guard.requirePool(request.required("UserPoolId"));
        int limit = request.optionalInt("Limit").orElse(MAX_LIST_LIMIT);
        if (limit < 1 || limit > MAX_LIST_LIMIT) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value "
                    + (limit < 1 ? "greater than or equal to 1" : "less than or equal to 60"));
        }
        String after = request.optional("PaginationToken").map(UserOperations::decodeToken).orElse(null);
        Set<String> wanted = attributeNames(request);
        List<User> page = users.list(UserFilter.parse(request.optional("Filter").orElse(null)), after, limit + 1);
        ObjectNode response = json.createObjectNode();
        ArrayNode list = response.putArray("Users");
        page.stream().limit(limit).forEach(user -> {
            ObjectNode entry = list.addObject();
            entry.put("Username", user.username());
            attributes(entry.putArray("Attributes"), user, wanted);
            dates(entry, user);
            entry.put("Enabled", user.enabled());
            entry.put("UserStatus", user.status().name());
        });
        if (page.size() > limit) {
            response.put("PaginationToken", encodeToken(page.get(limit - 1).username()));
        }
        return response;
    }

    private static Set<String> attributeNames(JsonRequest request) {
        if (!request.body().has("AttributesToGet")) {
            return null;
        }
        Set<String> names = new HashSet<>();
        request.body().get("AttributesToGet").values().forEach(n -> names.add(n.asString()));
        return names;
    }

    private static void attributes(ArrayNode array, User user, Set<String> wanted) {
        user.attributes().forEach((name, value) -> {
            if (wanted == null || wanted.contains(name)) {
                ObjectNode attribute = array.addObject();
                attribute.put("Name", name);
                attribute.put("Value", value);
            }
        });
    }

    /** Epoch seconds as JSON numbers with a fraction, as Cognito sends them. */
    private static void dates(ObjectNode node, User user) {
        node.put("UserCreateDate", epochSeconds(user.createdAt()));
        node.put("UserLastModifiedDate", epochSeconds(user.modifiedAt()));
    }

    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    private static void validateAttributes(Map<String, String> attributes) {
        attributes.forEach((name, value) -> {
            if (name.equals("sub")) {
                throw CognitoException.invalidParameter("Cannot modify the non-mutable attribute sub");
            }
            if (!STANDARD_ATTRIBUTES.contains(name) && !CUSTOM_ATTRIBUTES.contains(name)) {
                throw CognitoException.invalidParameter("Attributes did not conform to the schema: "
                        + name + ": Attribute does not exist in the schema.");
            }
            if (name.equals("phone_number") && !E164.matcher(value).matches()) {
                throw CognitoException.invalidParameter("Invalid phone number format.");
            }
        });
    }

    private static String encodeToken(String username) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("after:" + username).getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("after:")) {
                return decoded.substring("after:".length());
            }
        } catch (IllegalArgumentException e) {
            // falls through to Cognito's answer for a token it did not issue
        }
        throw CognitoException.invalidParameter("Invalid pagination token.");
    }
}
