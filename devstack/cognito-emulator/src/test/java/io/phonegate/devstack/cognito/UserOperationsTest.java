package io.phonegate.devstack.cognito;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SignUpResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UserOperationsTest {

    private static final String PHONE = "+919812345678";
    private final RunningEmulator cognito = new RunningEmulator(RunningEmulator::withSelfSignUp);

    @AfterEach
    void stop() {
        cognito.close();
    }

    @Test
    void signUpCreatesAnUnconfirmedUserWithAnUnverifiedPhone() {
        SignUpResponse response = cognito.cognito.signUp(r -> r.clientId(cognito.emulator.clientId()).username(PHONE)
                .password(RunningEmulator.PASSWORD).secretHash(cognito.secretHash(PHONE))
                .userAttributes(AttributeType.builder().name("phone_number").value(PHONE).build()));

        AdminGetUserResponse user = get();
        assertThat(response.userConfirmed()).isFalse();
        assertThat(response.codeDeliveryDetails()).isNull();
        assertThat(user.userStatus()).isEqualTo(UserStatusType.UNCONFIRMED);
        assertThat(user.enabled()).isTrue();
        assertThat(attributes(user)).containsEntry("sub", response.userSub())
                .containsEntry("phone_number", PHONE)
                .containsEntry("phone_number_verified", "false");
    }

    @Test
    void adminConfirmSignUpConfirmsWithoutVerifyingThePhone() {
        cognito.signUp(PHONE);
        cognito.cognito.adminConfirmSignUp(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE));

        AdminGetUserResponse user = get();
        assertThat(user.userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(attributes(user)).containsEntry("phone_number_verified", "false");
    }

    @Test
    void datesAreTheEmulatorClocksEpochSeconds() {
        cognito.signUp(PHONE);
        cognito.clock.advance(Duration.ofSeconds(90));
        cognito.cognito.adminConfirmSignUp(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE));

        AdminGetUserResponse user = get();
        assertThat(user.userCreateDate()).isEqualTo(cognito.clock.instant().minusSeconds(90).truncatedTo(ChronoUnit.MILLIS));
        assertThat(user.userLastModifiedDate()).isEqualTo(cognito.clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void updateAttributesSetsVerification() {
        cognito.createUser(PHONE);

        cognito.cognito.adminUpdateUserAttributes(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE)
                .userAttributes(a -> a.name("phone_number_verified").value("true")));

        assertThat(attributes(get())).containsEntry("phone_number_verified", "true");
    }

    @Test
    void changingThePhoneNumberUnverifiesIt() {
        cognito.createUser(PHONE);
        cognito.cognito.adminUpdateUserAttributes(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE)
                .userAttributes(a -> a.name("phone_number_verified").value("true")));

        cognito.cognito.adminUpdateUserAttributes(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE)
                .userAttributes(a -> a.name("phone_number").value("+919812345679")));

        assertThat(attributes(get())).containsEntry("phone_number", "+919812345679").containsEntry("phone_number_verified", "false");
    }

    @Test
    void completionMarkerIsWrittenWithTheVerifiedFlagInOneCallAndOutlivesAPhoneChange() {
        cognito.createUser(PHONE);
        cognito.cognito.adminUpdateUserAttributes(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE)
                .userAttributes(a -> a.name("phone_number_verified").value("true"),
                        a -> a.name("custom:pg_completed").value("2026-11-24T10:16:10Z")));

        cognito.cognito.adminUpdateUserAttributes(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE)
                .userAttributes(a -> a.name("phone_number").value("+919812345679")));

        assertThat(attributes(get())).containsEntry("phone_number_verified", "false")
                .containsEntry("custom:pg_completed", "2026-11-24T10:16:10Z");
    }

    @Test
    void customAttributeOutsideThePoolSchemaIsRejectedAsCognitoDoes() {
        cognito.createUser(PHONE);

        InvalidParameterException e = catchThrowableOfType(InvalidParameterException.class, () ->
                cognito.cognito.adminUpdateUserAttributes(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE)
                        .userAttributes(a -> a.name("custom:pg_complete").value("typo"))));

        assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("Attributes did not conform to the schema: custom:pg_complete: Attribute does not exist in the schema.");
        assertThat(attributes(get())).doesNotContainKey("custom:pg_complete");
    }

    @Test
    void subCannotBeChanged() {
        cognito.createUser(PHONE);

        InvalidParameterException e = catchThrowableOfType(InvalidParameterException.class, () ->
                cognito.cognito.adminUpdateUserAttributes(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE)
                        .userAttributes(a -> a.name("sub").value("mine"))));

        assertThat(e.statusCode()).isEqualTo(400);
    }

    @Test
    void unknownAttributeIsRejected() {
        cognito.createUser(PHONE);

        InvalidParameterException e = catchThrowableOfType(InvalidParameterException.class, () ->
                cognito.cognito.adminUpdateUserAttributes(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE)
                        .userAttributes(a -> a.name("favourite_colour").value("blue"))));

        assertThat(e.awsErrorDetails().errorMessage()).contains("favourite_colour");
    }

    @Test
    void disableAndEnableToggleEnabled() {
        cognito.createUser(PHONE);

        cognito.cognito.adminDisableUser(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE));
        assertThat(get().enabled()).isFalse();
        cognito.cognito.adminEnableUser(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE));
        assertThat(get().enabled()).isTrue();
    }

    @Test
    void deletedUserIsGoneAndItsNameFree() {
        String firstSub = cognito.signUp(PHONE);

        cognito.cognito.adminDeleteUser(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE));

        assertThat(catchThrowableOfType(UserNotFoundException.class, this::get)).isNotNull();
        assertThat(cognito.signUp(PHONE)).isNotEqualTo(firstSub);
    }

    private AdminGetUserResponse get() {
        return cognito.cognito.adminGetUser(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE));
    }

    private static Map<String, String> attributes(AdminGetUserResponse user) {
        return user.userAttributes().stream().collect(Collectors.toMap(AttributeType::name, AttributeType::value));
    }
}
