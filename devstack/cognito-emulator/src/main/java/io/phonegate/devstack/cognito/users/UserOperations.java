package io.phonegate.devstack.cognito.users;

import io.phonegate.devstack.cognito.QuotaCategory;
import io.phonegate.devstack.cognito.pool.LivePool;
import io.phonegate.devstack.cognito.pool.PoolGuard;
import io.phonegate.devstack.cognito.tokens.RefreshTokens;
import io.phonegate.devstack.cognito.wire.CognitoException;
import io.phonegate.devstack.cognito.wire.JsonRequest;
import io.phonegate.devstack.cognito.wire.Operation;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The admin user operations: AdminGetUser, AdminDeleteUser, AdminUpdateUserAttributes, ListUsers, … */
public final class UserOperations {

    private static final int MAX_LIST_LIMIT = 60;

    private final JsonMapper json;
    private final LivePool live;
    private final PoolGuard guard;
    private final UserStore users;
    private final RefreshTokens refreshTokens;

    public UserOperations(JsonMapper json, LivePool live, PoolGuard guard, UserStore users, RefreshTokens refreshTokens) {
        this.json = json;
        this.live = live;
        this.guard = guard;
        this.users = users;
        this.refreshTokens = refreshTokens;
    }

    public List<Operation> operations() {
        return List.of(
                Operation.of("AdminGetUser", QuotaCategory.USER_READ, this::adminGetUser),
                Operation.of("AdminDeleteUser", QuotaCategory.USER_UPDATE, this::adminDeleteUser),
                Operation.of("AdminUpdateUserAttributes", QuotaCategory.USER_UPDATE, this::adminUpdateUserAttributes),
                Operation.of("AdminDisableUser", QuotaCategory.USER_UPDATE, this::adminDisableUser),
                Operation.of("AdminEnableUser", QuotaCategory.USER_UPDATE, this::adminEnableUser),
                Operation.of("ListUsers", QuotaCategory.USER_LIST, this::listUsers));
    }

    private ObjectNode adminGetUser(JsonRequest request) {
        guard.requirePool(request.required("UserPoolId"));
        ObjectNode response = json.createObjectNode();
        UserJson.write(response, users.get(request.required("Username")), "UserAttributes", null);
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
        Schema.validate(changes, live.pool());
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
        page.stream().limit(limit).forEach(user -> UserJson.write(list.addObject(), user, "Attributes", wanted));
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
