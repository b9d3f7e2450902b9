package io.phonegate.devstack.cognito;

import io.phonegate.common.challenge.ChallengeParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminRespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Users made the admin way (AdminCreateUser, AdminSetUserPassword), as the gateway makes them, and SignUp refused. */
class AdminCreationTest {

    private static final String PHONE = "+919812345670";
    private final RunningEmulator cognito = new RunningEmulator();

    @AfterEach
    void stop() {
        cognito.close();
    }

    @Test
    void adminCreateUserMakesAUserWhoMustChangeItsPasswordAndAnswersItInUserTypeShape() {
        AdminCreateUserResponse created = create(PHONE);

        assertThat(created.user().username()).isEqualTo(PHONE);
        assertThat(created.user().userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThat(created.user().enabled()).isTrue();
        assertThat(created.user().userCreateDate()).isNotNull();
        assertThat(attributes(created)).containsEntry("phone_number", PHONE).containsEntry("phone_number_verified", "false")
                .containsKey("sub");
        assertThat(cognito.emulator.invitationCount()).as("SUPPRESS sends no invitation").isZero();
    }

    @Test
    void aPermanentPasswordConfirmsTheUserWithoutVerifyingItsPhone() {
        create(PHONE);

        cognito.cognito.adminSetUserPassword(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE)
                .password(RunningEmulator.PASSWORD).permanent(true));

        var user = cognito.cognito.adminGetUser(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE));
        assertThat(user.userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(user.userAttributes()).contains(AttributeType.builder().name("phone_number_verified").value("false").build());
    }

    @Test
    void aSecondCreateOfTheSameNumberIsUsernameExists() {
        create(PHONE);

        UsernameExistsException e = catchThrowableOfType(UsernameExistsException.class, () -> create(PHONE));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User account already exists");
    }

    @Test
    void withoutSuppressCognitoWouldHaveSentAnInvitation() {
        cognito.cognito.adminCreateUser(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE)
                .userAttributes(AttributeType.builder().name("phone_number").value(PHONE).build()));

        assertThat(cognito.emulator.invitationCount()).isEqualTo(1);
    }

    @Test
    void passwordsOutsideThePolicyAndUnknownUsersAreRefused() {
        create(PHONE);

        assertThat(catchThrowableOfType(InvalidPasswordException.class, () -> cognito.cognito.adminSetUserPassword(r -> r
                .userPoolId(cognito.emulator.userPoolId()).username(PHONE).password("short").permanent(true))).statusCode())
                .isEqualTo(400);
        assertThat(catchThrowableOfType(UserNotFoundException.class, () -> cognito.cognito.adminSetUserPassword(r -> r
                .userPoolId(cognito.emulator.userPoolId()).username("+919812345671").password(RunningEmulator.PASSWORD)
                .permanent(true))).statusCode()).isEqualTo(404);
    }

    @Test
    void aUserLeftWithoutAPermanentPasswordIsAskedForOneAfterTheCodeAndThenGetsTokens() {
        create(PHONE);
        AdminInitiateAuthResponse started = cognito.initiate(PHONE);
        AdminRespondToAuthChallengeResponse answered = cognito.answer(PHONE, started.session(),
                cognito.code(started.challengeParameters(), PHONE));
        assertThat(answered.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        assertThat(answered.challengeParameters()).containsEntry("USER_ID_FOR_SRP", PHONE)
                .doesNotContainKey(ChallengeParameters.SEALED_CODE);

        AdminRespondToAuthChallengeResponse tokens = cognito.cognito.adminRespondToAuthChallenge(r -> r
                .userPoolId(cognito.emulator.userPoolId()).clientId(cognito.emulator.clientId())
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(answered.session())
                .challengeResponses(Map.of("USERNAME", PHONE, "NEW_PASSWORD", RunningEmulator.PASSWORD,
                        "SECRET_HASH", cognito.secretHash(PHONE))));

        assertThat(tokens.authenticationResult().idToken()).isNotBlank();
        assertThat(cognito.cognito.adminGetUser(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE))
                .userStatus()).isEqualTo(UserStatusType.CONFIRMED);
    }

    @Test
    void signUpIsRefusedWhereOnlyAdminsCreateUsers() {
        NotAuthorizedException e = catchThrowableOfType(NotAuthorizedException.class, () -> cognito.signUp(PHONE));

        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("SignUp is not permitted for this user pool");
        assertThat(cognito.emulator.callCount("SignUp")).isEqualTo(1);
    }

    @Test
    void signUpMayNotSetAnAttributeTheClientCannotWrite() {
        cognito.emulator.updateUserPool(pool -> pool.withSelfSignUp(true));

        NotAuthorizedException e = catchThrowableOfType(NotAuthorizedException.class, () -> cognito.signUp(PHONE));

        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("A client attempted to write unauthorized attribute");
    }

    private AdminCreateUserResponse create(String phone) {
        return cognito.cognito.adminCreateUser(r -> r.userPoolId(cognito.emulator.userPoolId()).username(phone)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(AttributeType.builder().name("phone_number").value(phone).build(),
                        AttributeType.builder().name("phone_number_verified").value("false").build()));
    }

    private static Map<String, String> attributes(AdminCreateUserResponse created) {
        return created.user().attributes().stream().collect(Collectors.toMap(AttributeType::name, AttributeType::value));
    }
}
