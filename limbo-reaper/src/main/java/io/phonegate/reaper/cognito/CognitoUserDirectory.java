package io.phonegate.reaper.cognito;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link UserDirectory} on the Cognito API, every call through {@link CognitoCalls}. */
final class CognitoUserDirectory implements UserDirectory {

    /** ListUsers' largest page. */
    static final int PAGE_SIZE = 60;
    static final String UNCONFIRMED_FILTER = "cognito:user_status = \"" + PendingUserRule.UNCONFIRMED + "\"";

    private final CognitoIdentityProviderClient client;
    private final CognitoCalls calls;
    private final String userPoolId;

    CognitoUserDirectory(CognitoIdentityProviderClient client, CognitoCalls calls, String userPoolId) {
        this.client = client;
        this.calls = calls;
        this.userPoolId = userPoolId;
    }

    @Override
    public Verdict deleteIfStillPending(String username, String expectedSub, boolean dryRun) {
        AdminGetUserResponse user;
        try {
            user = calls.call("AdminGetUser",
                    () -> client.adminGetUser(request -> request.userPoolId(userPoolId).username(username)));
        } catch (UserNotFoundException e) {
            return Verdict.GONE;
        }
        Optional<Verdict> keep = PendingUserRule.reasonToKeep(expectedSub,
                attribute(user.userAttributes(), "sub"), user.userStatusAsString(),
                !Boolean.FALSE.equals(user.enabled()),
                "true".equals(attribute(user.userAttributes(), "phone_number_verified")));
        if (keep.isPresent()) {
            return keep.get();
        }
        if (dryRun) {
            return Verdict.WOULD_DELETE;
        }
        try {
            calls.call("AdminDeleteUser",
                    () -> client.adminDeleteUser(request -> request.userPoolId(userPoolId).username(username)));
            return Verdict.DELETED;
        } catch (UserNotFoundException e) {
            return Verdict.GONE;
        }
    }

    @Override
    public void forEachUnconfirmedUser(Instant createdBefore, Consumer<DirectoryUser> action) {
        String token = null;
        do {
            ListUsersResponse page = listUnconfirmed(token);
            page.users().stream()
                    .filter(user -> user.userCreateDate() != null && user.userCreateDate().isBefore(createdBefore))
                    .map(CognitoUserDirectory::toDirectoryUser)
                    .forEach(action);
            token = page.paginationToken();
        } while (token != null && !token.isEmpty());
    }

    private ListUsersResponse listUnconfirmed(String paginationToken) {
        return calls.call("ListUsers", () -> client.listUsers(request -> request
                .userPoolId(userPoolId)
                .filter(UNCONFIRMED_FILTER)
                .limit(PAGE_SIZE)
                .paginationToken(paginationToken)));
    }

    private static DirectoryUser toDirectoryUser(UserType user) {
        return new DirectoryUser(user.username(), attribute(user.attributes(), "sub"),
                attribute(user.attributes(), "phone_number"), user.userCreateDate());
    }

    private static String attribute(List<AttributeType> attributes, String name) {
        return attributes.stream().filter(a -> name.equals(a.name())).map(AttributeType::value).findFirst().orElse(null);
    }
}
