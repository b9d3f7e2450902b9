package io.phonegate.devstack.cognito;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ListUsersTest {

    private final RunningEmulator cognito = new RunningEmulator(RunningEmulator::withSelfSignUp);
    private String firstSub;

    @BeforeEach
    void users() {
        firstSub = cognito.signUp("+911111111111");
        cognito.signUp("+912222222222");
        cognito.createUser("+14155550100");
        cognito.createUser("+14155550101");
        cognito.createUser("+14155550102");
        cognito.cognito.adminDisableUser(r -> r.userPoolId(cognito.emulator.userPoolId()).username("+14155550102"));
    }

    @AfterEach
    void stop() {
        cognito.close();
    }

    @Test
    void userStatusFilterFindsTheUnconfirmed() {
        assertThat(names(list("cognito:user_status = \"UNCONFIRMED\"", null))).containsExactly("+911111111111", "+912222222222");
    }

    @Test
    void phonePrefixFilterFindsOneCountry() {
        assertThat(names(list("phone_number ^= \"+1\"", null))).containsExactly("+14155550100", "+14155550101", "+14155550102");
    }

    @Test
    void exactPhoneFilterFindsOne() {
        assertThat(names(list("phone_number = \"+14155550101\"", null))).containsExactly("+14155550101");
    }

    @Test
    void usernameFiltersMatchExactlyOrByPrefix() {
        assertThat(names(list("username = \"+912222222222\"", null))).containsExactly("+912222222222");
        assertThat(names(list("username ^= \"+91\"", null))).containsExactly("+911111111111", "+912222222222");
    }

    @Test
    void subFilterFindsTheUser() {
        assertThat(names(list("sub = \"" + firstSub + "\"", null))).containsExactly("+911111111111");
    }

    @Test
    void statusFilterFindsDisabledUsers() {
        assertThat(names(list("status = \"Disabled\"", null))).containsExactly("+14155550102");
        assertThat(list("status = \"Enabled\"", null).users()).hasSize(4);
    }

    @Test
    void usersCarryAttributesDatesEnabledAndStatus() {
        UserType user = list("username = \"+14155550102\"", null).users().get(0);

        assertThat(user.enabled()).isFalse();
        assertThat(user.userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(user.userCreateDate()).isNotNull();
        assertThat(user.userLastModifiedDate()).isNotNull();
        assertThat(user.attributes()).anySatisfy(a -> assertThat(a.name()).isEqualTo("phone_number"));
    }

    @Test
    void paginationWalksEveryUserOnce() {
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String from = token;
            ListUsersResponse page = cognito.cognito.listUsers(r -> r.userPoolId(cognito.emulator.userPoolId()).limit(2).paginationToken(from));
            assertThat(page.users()).hasSizeLessThanOrEqualTo(2);
            seen.addAll(names(page));
            token = page.paginationToken();
            pages++;
        } while (token != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void limitAboveSixtyIsRejected() {
        InvalidParameterException e = catchThrowableOfType(InvalidParameterException.class,
                () -> cognito.cognito.listUsers(r -> r.userPoolId(cognito.emulator.userPoolId()).limit(61)));

        assertThat(e.statusCode()).isEqualTo(400);
    }

    @Test
    void malformedFilterIsRejected() {
        InvalidParameterException e = catchThrowableOfType(InvalidParameterException.class,
                () -> list("phone_number ~ +1", null));

        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Error while parsing filter.");
    }

    @Test
    void unsearchableAttributeIsRejected() {
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> list("phone_number_verified = \"false\"", null)))
                .isNotNull();
    }

    @Test
    void foreignPaginationTokenIsRejected() {
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> list(null, "bm9wZQ"))).isNotNull();
    }

    private ListUsersResponse list(String filter, String token) {
        return cognito.cognito.listUsers(r -> r.userPoolId(cognito.emulator.userPoolId()).filter(filter).paginationToken(token));
    }

    private static List<String> names(ListUsersResponse response) {
        return response.users().stream().map(UserType::username).toList();
    }
}
