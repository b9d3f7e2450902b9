package io.phonegate.gateway.auth;

import io.phonegate.common.event.OtpPurpose;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.SignupRequestedV2;
import io.phonegate.devstack.cognito.CognitoFaults;
import io.phonegate.gateway.support.EmulatedCognito;
import io.phonegate.gateway.support.GatewayHttp;
import io.phonegate.gateway.support.GatewayHttp.Answer;
import io.phonegate.gateway.support.StartEventsIntegrationTest;
import io.phonegate.gateway.support.Phones;
import io.phonegate.testsupport.kafka.TopicReader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Announce before you create: every Cognito write of a sign-up comes after its
 * {@code SignupRequestedV2} is on Kafka, so whatever fails after the announcement, no user exists
 * that no event announced. Cognito failures come from the emulator's fault switches, on the wire.
 */
class SignupAnnouncementTest extends StartEventsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void newNumberIsAnnouncedWithoutSubBeforeItsUserExists() {
        String phone = Phones.fresh();

        assertThat(start(phone).status()).isEqualTo(202);

        SignupRequestedV2 announced = announcements.awaitEvent(SignupRequestedV2.class,
                e -> e.username().equals(phone), WAIT);
        assertThat(announced.phone().e164()).isEqualTo(phone);
        assertThat(announcements.recordsToEnd(WAIT)).filteredOn(r -> phone.equals(r.key()))
                .as("only v2 is published").allMatch(r -> TopicReader.decode(r) instanceof SignupRequestedV2);
    }

    @Test
    void creationThatFailsAfterTheAnnouncementLeavesNoUserAndAnAnnouncement() {
        String phone = Phones.fresh();
        EmulatedCognito.emulator().setFaults(CognitoFaults.errors(1.0).onlyFor("AdminCreateUser"));

        Answer answer = start(phone);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.retryAfter()).isNotNull();
        announcements.awaitEvent(SignupRequestedV2.class, e -> e.username().equals(phone), WAIT);
        assertThat(exists(phone)).isFalse();
    }

    @Test
    void passwordThatFailsAfterTheAnnouncementLeavesAnAnnouncedUserWhoseNextStartAndVerifyComplete() {
        String phone = Phones.fresh();
        EmulatedCognito.emulator().setFaults(CognitoFaults.errors(1.0).onlyFor("AdminSetUserPassword"));

        assertThat(start(phone).status()).isEqualTo(503);
        assertThat(EmulatedCognito.user(phone).userStatus()).as("made, announced, password never made permanent")
                .isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        announcements.awaitEvent(SignupRequestedV2.class, e -> e.username().equals(phone), WAIT);

        EmulatedCognito.emulator().setFaults(CognitoFaults.NONE);
        String challenge = start(phone).text("challenge");
        announcements.awaitEvents(SignupRequestedV2.class, e -> e.username().equals(phone), 2, WAIT);
        assertThat(verify(phone, challenge, codeSentTo(phone, 1)).status())
                .as("Cognito's NEW_PASSWORD_REQUIRED answered with another random password").isEqualTo(200);
        assertThat(EmulatedCognito.user(phone).userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(EmulatedCognito.attribute(EmulatedCognito.user(phone), "phone_number_verified")).isEqualTo("true");
    }

    @Test
    void unconfirmedUserIsReplacedInTheOrderAnnounceDeleteCreate() {
        String phone = Phones.fresh();
        String oldSub = EmulatedCognito.signUpUnconfirmed(phone);
        EmulatedCognito.emulator().setFaults(CognitoFaults.errors(1.0).onlyFor("AdminDeleteUser"));

        assertThat(start(phone).status()).isEqualTo(503);

        announcements.awaitEvent(SignupRequestedV2.class, e -> e.username().equals(phone), WAIT);
        assertThat(EmulatedCognito.user(phone).userStatus()).as("announced, then the delete failed: left as it was")
                .isEqualTo(UserStatusType.UNCONFIRMED);
        EmulatedCognito.emulator().setFaults(CognitoFaults.errors(1.0).onlyFor("AdminSetUserPassword"));
        assertThat(start(phone).status()).isEqualTo(503);
        String newSub = EmulatedCognito.attribute(EmulatedCognito.user(phone), "sub");
        assertThat(newSub).as("deleted and made again, announced").isNotEqualTo(oldSub);
        announcements.awaitEvents(SignupRequestedV2.class, e -> e.username().equals(phone), 2, WAIT);
        EmulatedCognito.emulator().setFaults(CognitoFaults.NONE);
        assertThat(start(phone).status()).as("the user made after the announcement is challenged").isEqualTo(202);
        assertThat(EmulatedCognito.attribute(EmulatedCognito.user(phone), "sub")).isEqualTo(newSub);
    }

    @Test
    void verifyMarksThePhoneVerifiedAndTheSignupCompletedInOneCall() {
        String phone = Phones.fresh();
        String challenge = start(phone).text("challenge");
        String code = codeSentTo(phone, 1);
        EmulatedCognito.emulator().resetCallCounts();

        assertThat(verify(phone, challenge, code).status()).isEqualTo(200);

        assertThat(EmulatedCognito.emulator().callCount("AdminUpdateUserAttributes")).isEqualTo(1);
        var user = EmulatedCognito.user(phone);
        assertThat(EmulatedCognito.attribute(user, "phone_number_verified")).isEqualTo("true");
        assertThat(EmulatedCognito.attribute(user, "custom:pg_completed")).isNotBlank();
    }

    /** Issue 12: a real user whose number an admin changed is no pending sign-up when it starts again. */
    @Test
    void userWhoCompletedSignupAndWhoseNumberAnAdminChangedIsNotAnnouncedWhenItStartsAgain() {
        String phone = Phones.fresh();
        assertThat(verify(phone, start(phone).text("challenge"), codeSentTo(phone, 1)).status()).isEqualTo(200);
        EmulatedCognito.admin().adminUpdateUserAttributes(r -> r.userPoolId(EmulatedCognito.emulator().userPoolId())
                .username(phone).userAttributes(a -> a.name("phone_number").value(Phones.fresh())));
        assertThat(EmulatedCognito.attribute(EmulatedCognito.user(phone), "phone_number_verified")).isEqualTo("false");

        assertThat(start(phone).status()).isEqualTo(202);

        OtpRequested second = otps.awaitEvents(OtpRequested.class, e -> e.phone().e164().equals(phone), 2, WAIT).get(1);
        assertThat(second.purpose()).isEqualTo(OtpPurpose.LOGIN);
        assertThat(announcements.recordsToEnd(WAIT)).filteredOn(r -> phone.equals(r.key()))
                .as("announced once, when it signed up; never again").hasSize(1);
    }

    private boolean exists(String phone) {
        return catchThrowableOfType(UserNotFoundException.class, () -> EmulatedCognito.user(phone)) == null;
    }

    private Answer start(String phone) {
        return http.postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", phone)));
    }

    private Answer verify(String phone, String challenge, String code) {
        return http.postJson("/v1/auth/verify",
                GatewayHttp.json(Map.of("phone", phone, "challenge", challenge, "code", code)));
    }

    private String codeSentTo(String phone, int nth) {
        OtpRequested otp = otps.awaitEvents(OtpRequested.class, e -> e.phone().e164().equals(phone), nth, WAIT)
                .get(nth - 1);
        return EmulatedCognito.SEAL.unseal(otp.sealedCode(), phone);
    }
}
