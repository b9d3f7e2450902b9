package io.phonegate.devstack.cognito;

import io.phonegate.devstack.cognito.CognitoEmulatorSettings.PreventUserExistenceErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every error case Phonegate relies on answers Cognito's {@code __type} and HTTP status, read back by the real SDK. */
class ErrorAnswersTest {

    private static final String PHONE = "+14155550101";
    private RunningEmulator cognito = new RunningEmulator(RunningEmulator::withSelfSignUp);

    @AfterEach
    void stop() {
        cognito.close();
    }

    @Test
    void unknownUserWithLegacyExistenceErrorsIsUserNotFound() {
        assertError(() -> cognito.initiate(PHONE), UserNotFoundException.class, 404, "User does not exist.");
    }

    @Test
    void unknownUserWithExistenceErrorsPreventedFailsLikeWrongCredentials() {
        cognito.close();
        cognito = new RunningEmulator(s -> s.withPreventUserExistenceErrors(PreventUserExistenceErrors.ENABLED));

        assertError(() -> cognito.initiate(PHONE), NotAuthorizedException.class, 403, "Incorrect username or password.");
    }

    @Test
    void unconfirmedUserCannotAuthenticate() {
        cognito.signUp(PHONE);

        assertError(() -> cognito.initiate(PHONE), UserNotConfirmedException.class, 400, "User is not confirmed.");
    }

    @Test
    void disabledUserIsNotAuthorized() {
        cognito.createUser(PHONE);
        cognito.cognito.adminDisableUser(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE));

        assertError(() -> cognito.initiate(PHONE), NotAuthorizedException.class, 403, "User is disabled.");
    }

    @Test
    void wrongSecretHashIsNotAuthorized() {
        cognito.createUser(PHONE);

        assertError(() -> cognito.cognito.adminInitiateAuth(r -> r.userPoolId(cognito.emulator.userPoolId())
                        .clientId(cognito.emulator.clientId()).authFlow(AuthFlowType.CUSTOM_AUTH)
                        .authParameters(Map.of("USERNAME", PHONE, "SECRET_HASH", cognito.secretHash("+14155550999")))),
                NotAuthorizedException.class, 403, "Unable to verify secret hash for client phonegatelocalclient");
    }

    @Test
    void missingSecretHashIsNotAuthorized() {
        cognito.createUser(PHONE);

        assertError(() -> cognito.cognito.adminInitiateAuth(r -> r.userPoolId(cognito.emulator.userPoolId())
                        .clientId(cognito.emulator.clientId()).authFlow(AuthFlowType.CUSTOM_AUTH)
                        .authParameters(Map.of("USERNAME", PHONE))),
                NotAuthorizedException.class, 403, "Client phonegatelocalclient is configured for secret but secret was not received");
    }

    @Test
    void wrongSecretHashOnSignUpIsNotAuthorized() {
        assertError(() -> cognito.cognito.signUp(r -> r.clientId(cognito.emulator.clientId()).username(PHONE)
                        .password(RunningEmulator.PASSWORD).secretHash("bm90LWl0")),
                NotAuthorizedException.class, 403, "Unable to verify secret hash for client phonegatelocalclient");
    }

    @Test
    void thirdWrongAnswerFailsAuthentication() {
        cognito.createUser(PHONE);
        AdminInitiateAuthResponse started = cognito.initiate(PHONE);
        String wrong = RunningEmulator.wrong(cognito.code(started.challengeParameters(), PHONE));
        String session = cognito.answer(PHONE, started.session(), wrong).session();
        String lastSession = cognito.answer(PHONE, session, wrong).session();

        assertError(() -> cognito.answer(PHONE, lastSession, wrong), NotAuthorizedException.class, 403,
                "Incorrect username or password.");
    }

    @Test
    void rightAnswerAfterTheCodeExpiredFailsAuthentication() {
        cognito.createUser(PHONE);
        AdminInitiateAuthResponse started = cognito.initiate(PHONE);
        cognito.clock.advance(Duration.ofMinutes(3).minusSeconds(1));
        String code = cognito.code(started.challengeParameters(), PHONE);
        String session = cognito.answer(PHONE, started.session(), RunningEmulator.wrong(code)).session();
        cognito.clock.advance(Duration.ofSeconds(2));

        assertError(() -> cognito.answer(PHONE, session, code), NotAuthorizedException.class, 403,
                "Incorrect username or password.");
    }

    @Test
    void sessionExpiresAfterAuthSessionValidity() {
        cognito.createUser(PHONE);
        AdminInitiateAuthResponse started = cognito.initiate(PHONE);
        cognito.clock.advance(cognito.emulator.appClient().authSessionValidity());

        assertError(() -> cognito.answer(PHONE, started.session(), cognito.code(started.challengeParameters(), PHONE)),
                NotAuthorizedException.class, 403, "Invalid session for the user, session is expired.");
    }

    @Test
    void longerAuthSessionValidityKeepsTheSessionOpen() {
        cognito.close();
        cognito = new RunningEmulator(s -> s.withAuthSessionValidity(Duration.ofMinutes(10)));
        cognito.createUser(PHONE);
        AdminInitiateAuthResponse started = cognito.initiate(PHONE);
        cognito.clock.advance(Duration.ofMinutes(2).plusSeconds(59));

        assertThat(cognito.answer(PHONE, started.session(), cognito.code(started.challengeParameters(), PHONE))
                .authenticationResult().idToken()).isNotBlank();
    }

    @Test
    void usedSessionCannotAnswerAgain() {
        cognito.createUser(PHONE);
        AdminInitiateAuthResponse started = cognito.initiate(PHONE);
        String code = cognito.code(started.challengeParameters(), PHONE);
        cognito.answer(PHONE, started.session(), RunningEmulator.wrong(code));

        assertError(() -> cognito.answer(PHONE, started.session(), code), NotAuthorizedException.class, 403,
                "Invalid session for the user.");
    }

    @Test
    void sessionOfAnotherUserIsRejected() {
        cognito.createUser(PHONE);
        cognito.createUser("+14155550102");
        AdminInitiateAuthResponse started = cognito.initiate(PHONE);

        assertError(() -> cognito.answer("+14155550102", started.session(), "123456"), NotAuthorizedException.class, 403,
                "Invalid session for the user.");
    }

    @Test
    void existingUsernameCannotSignUpAgain() {
        cognito.signUp(PHONE);

        assertError(() -> cognito.signUp(PHONE), UsernameExistsException.class, 400, "User already exists");
    }

    @Test
    void passwordOutsideTheDefaultPolicyIsRejected() {
        assertError(() -> cognito.cognito.signUp(r -> r.clientId(cognito.emulator.clientId()).username(PHONE)
                        .password("alllowercase1!").secretHash(cognito.secretHash(PHONE))),
                InvalidPasswordException.class, 400, "Password did not conform with policy: Password must have uppercase characters");
    }

    @Test
    void malformedPhoneNumberIsAnInvalidParameter() {
        assertError(() -> cognito.cognito.signUp(r -> r.clientId(cognito.emulator.clientId()).username(PHONE)
                        .password(RunningEmulator.PASSWORD).secretHash(cognito.secretHash(PHONE))
                        .userAttributes(AttributeType.builder().name("phone_number").value("98765 43210").build())),
                InvalidParameterException.class, 400, "Invalid phone number format.");
    }

    @Test
    void unknownUserPoolIsResourceNotFound() {
        assertError(() -> cognito.cognito.adminGetUser(r -> r.userPoolId("us-east-1_other").username(PHONE)),
                ResourceNotFoundException.class, 404, "User pool us-east-1_other does not exist.");
    }

    @Test
    void unknownAppClientIsResourceNotFound() {
        assertError(() -> cognito.cognito.adminInitiateAuth(r -> r.userPoolId(cognito.emulator.userPoolId())
                        .clientId("otherclient").authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(Map.of("USERNAME", PHONE))),
                ResourceNotFoundException.class, 404, "User pool client otherclient does not exist.");
    }

    @Test
    void flowTheClientDoesNotAllowIsAnInvalidParameter() {
        assertError(() -> cognito.cognito.adminInitiateAuth(r -> r.userPoolId(cognito.emulator.userPoolId())
                        .clientId(cognito.emulator.clientId()).authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", PHONE, "PASSWORD", RunningEmulator.PASSWORD))),
                InvalidParameterException.class, 400, "Auth flow not enabled for this client");
    }

    @Test
    void missingUsernameIsAnInvalidParameter() {
        assertError(() -> cognito.cognito.adminInitiateAuth(r -> r.userPoolId(cognito.emulator.userPoolId())
                        .clientId(cognito.emulator.clientId()).authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(Map.of())),
                InvalidParameterException.class, 400, "Missing required parameter USERNAME");
    }

    @Test
    void confirmingAConfirmedUserIsNotAuthorized() {
        cognito.createUser(PHONE);

        assertError(() -> cognito.cognito.adminConfirmSignUp(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE)),
                NotAuthorizedException.class, 403, "User cannot be confirmed. Current status is CONFIRMED");
    }

    @Test
    void adminCallsOnAnUnknownUserAreUserNotFound() {
        String pool = cognito.emulator.userPoolId();
        for (Executable call : new Executable[] {
                () -> cognito.cognito.adminGetUser(r -> r.userPoolId(pool).username(PHONE)),
                () -> cognito.cognito.adminDeleteUser(r -> r.userPoolId(pool).username(PHONE)),
                () -> cognito.cognito.adminConfirmSignUp(r -> r.userPoolId(pool).username(PHONE)),
                () -> cognito.cognito.adminDisableUser(r -> r.userPoolId(pool).username(PHONE)),
                () -> cognito.cognito.adminUpdateUserAttributes(r -> r.userPoolId(pool).username(PHONE)
                        .userAttributes(a -> a.name("phone_number_verified").value("true")))}) {
            assertError(call, UserNotFoundException.class, 404, "User does not exist.");
        }
    }

    @Test
    void userWithoutPhoneNumberMakesTheCreateTriggerFail() {
        cognito.cognito.signUp(r -> r.clientId(cognito.emulator.clientId()).username("no-phone")
                .password(RunningEmulator.PASSWORD).secretHash(cognito.secretHash("no-phone")));
        cognito.cognito.adminConfirmSignUp(r -> r.userPoolId(cognito.emulator.userPoolId()).username("no-phone"));

        UserLambdaValidationException e = catchThrowableOfType(UserLambdaValidationException.class, () -> cognito.initiate("no-phone"));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorMessage()).startsWith("CreateAuthChallenge failed with error");
    }

    private static <T extends CognitoIdentityProviderException> void assertError(
            Executable call, Class<T> type, int status, String message) {
        T e = catchThrowableOfType(type, () -> {
            try {
                call.execute();
            } catch (RuntimeException | Error thrown) {
                throw thrown;
            } catch (Throwable other) {
                throw new IllegalStateException(other);
            }
        });
        assertThat(e).as("expected %s", type.getSimpleName()).isNotNull();
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(type.getSimpleName());
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    }
}
