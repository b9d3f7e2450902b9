package io.phonegate.reaper.cognito;

import io.phonegate.common.phone.InvalidPhoneNumberException;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.common.user.UserAttributes;
import io.phonegate.reaper.ReaperMetrics;
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
    static final String UNCONFIRMED_FILTER = "cognito:user_status = \"" + DirectoryUser.UNCONFIRMED + "\"";
    static final String CONFIRMED_FILTER = "cognito:user_status = \"" + DirectoryUser.CONFIRMED + "\"";
    /** What the rule reads; a listing without AttributesToGet would carry every attribute of every user. */
    static final List<String> RULE_ATTRIBUTES = List.of(UserAttributes.SUB, UserAttributes.PHONE_NUMBER,
            UserAttributes.PHONE_NUMBER_VERIFIED, UserAttributes.COMPLETED_AT);

    private final CognitoIdentityProviderClient client;
    private final CognitoCalls calls;
    private final String userPoolId;
    private final PoolSelfCheck pool;
    private final ReaperMetrics metrics;

    CognitoUserDirectory(CognitoIdentityProviderClient client, CognitoCalls calls, String userPoolId, PoolSelfCheck pool,
                         ReaperMetrics metrics) {
        this.client = client;
        this.calls = calls;
        this.userPoolId = userPoolId;
        this.pool = pool;
        this.metrics = metrics;
    }

    @Override
    public Outcome deleteIfStillPending(String username, ExpectedUser expected, boolean dryRun) {
        if (!pool.suits()) {
            metrics.deletionHeldBack();
            throw new CognitoUnavailableException("the user pool's settings have not been read or do not suit the"
                    + " deletion rule (see the cognitoPool readiness); deleting nobody until they do", null);
        }
        AdminGetUserResponse response;
        try {
            response = calls.call("AdminGetUser",
                    () -> client.adminGetUser(request -> request.userPoolId(userPoolId).username(username)));
        } catch (UserNotFoundException e) {
            return Outcome.gone();
        }
        DirectoryUser user = toDirectoryUser(response.username(), response.userAttributes(),
                response.userCreateDate(), response.userStatusAsString(), response.enabled());
        Optional<Verdict> keep = PendingUserRule.reasonToKeep(expected, user);
        if (keep.isPresent()) {
            return new Outcome(keep.get(), user.sub());
        }
        if (dryRun) {
            return new Outcome(Verdict.WOULD_DELETE, user.sub());
        }
        try {
            calls.call("AdminDeleteUser",
                    () -> client.adminDeleteUser(request -> request.userPoolId(userPoolId).username(username)));
            return new Outcome(Verdict.DELETED, user.sub());
        } catch (UserNotFoundException e) {
            return Outcome.gone();
        }
    }

    @Override
    public Optional<PhoneNumber> signInNumber(DirectoryUser user) {
        String number = pool.phoneNumberIsUsername() ? user.phoneNumber() : user.username();
        if (number == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(PhoneNumber.ofE164(number));
        } catch (InvalidPhoneNumberException e) {
            return Optional.empty();
        }
    }

    @Override
    public void forEachUnconfirmedUser(Instant createdBefore, Consumer<DirectoryUser> action) {
        String token = null;
        do {
            Page page = list(UNCONFIRMED_FILTER, token);
            page.users().stream()
                    .filter(user -> user.createdAt() != null && user.createdAt().isBefore(createdBefore))
                    .forEach(action);
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
    }

    @Override
    public Page confirmedUsers(String paginationToken) {
        return list(CONFIRMED_FILTER, paginationToken);
    }

    private Page list(String filter, String paginationToken) {
        ListUsersResponse response = calls.call("ListUsers", () -> client.listUsers(request -> request
                .userPoolId(userPoolId)
                .filter(filter)
                .attributesToGet(RULE_ATTRIBUTES)
                .limit(PAGE_SIZE)
                .paginationToken(paginationToken)));
        return new Page(response.users().stream().map(CognitoUserDirectory::toDirectoryUser).toList(),
                response.paginationToken());
    }

    private static DirectoryUser toDirectoryUser(UserType user) {
        return toDirectoryUser(user.username(), user.attributes(), user.userCreateDate(), user.userStatusAsString(),
                user.enabled());
    }

    private static DirectoryUser toDirectoryUser(String username, List<AttributeType> attributes, Instant createdAt,
                                                 String status, Boolean enabled) {
        String completedAt = attribute(attributes, UserAttributes.COMPLETED_AT);
        return new DirectoryUser(username, attribute(attributes, UserAttributes.SUB),
                attribute(attributes, UserAttributes.PHONE_NUMBER), createdAt, status,
                !Boolean.FALSE.equals(enabled),
                "true".equals(attribute(attributes, UserAttributes.PHONE_NUMBER_VERIFIED)),
                completedAt != null && !completedAt.isBlank());
    }

    private static String attribute(List<AttributeType> attributes, String name) {
        return attributes.stream().filter(a -> name.equals(a.name())).map(AttributeType::value).findFirst().orElse(null);
    }
}
