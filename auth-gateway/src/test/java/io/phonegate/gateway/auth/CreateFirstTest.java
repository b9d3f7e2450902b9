package io.phonegate.gateway.auth;

import io.phonegate.common.event.OtpPurpose;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.SignupRequestedV2;
import io.phonegate.devstack.cognito.CognitoFaults;
import io.phonegate.gateway.support.EmulatedCognito;
import io.phonegate.gateway.support.GatewayHttp;
import io.phonegate.gateway.support.GatewayHttp.Answer;
import io.phonegate.gateway.support.Phones;
import io.phonegate.gateway.support.StartEventsIntegrationTest;
import io.phonegate.testsupport.kafka.TopicReader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A number without the store's "logged in" marker goes straight to the sign-up path (announce,
 * {@code AdminCreateUser}, {@code AdminSetUserPassword}, {@code AdminInitiateAuth}); when a user has the
 * number after all, Cognito refuses the creation and the start goes on as a known number's, announced once.
 * Counted at the emulator, on the wire.
 */
class CreateFirstTest extends StartEventsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void aNewNumberCostsThreeCognitoCallsAfterItsAnnouncement() {
        String phone = Phones.fresh();
        EmulatedCognito.emulator().resetCallCounts();

        assertThat(start(phone).status()).isEqualTo(202);

        assertThat(EmulatedCognito.totalCalls()).isEqualTo(3);
        assertThat(EmulatedCognito.emulator().callCount("AdminCreateUser")).isEqualTo(1);
        assertThat(EmulatedCognito.emulator().callCount("AdminSetUserPassword")).isEqualTo(1);
        assertThat(EmulatedCognito.emulator().callCount("AdminInitiateAuth")).isEqualTo(1);
        assertThat(announcementsOf(phone)).isEqualTo(1);
        assertThat(codeRequest(phone, 1).purpose()).isEqualTo(OtpPurpose.SIGNUP);
    }

    /**
     * A user from before the marker, or whose marker expired: one refused creation more than a known user's
     * start, a {@code LOGIN} code, and one announcement, which the reaper reads as nothing to delete (it keeps
     * every user with {@code custom:pg_completed} or a verified phone: limbo-reaper's
     * {@code ReapingTest.verifiedUserWhoseSignupCompletedWasLostIsKept} and
     * {@code userWhoCompletedSignupOnceIsKeptAfterAnAdminChangedItsPhoneNumber}).
     */
    @Test
    void aUserWhoCompletedSignupWithoutTheMarkerLogsInAndIsLeftAsItWas() {
        String phone = Phones.fresh();
        String sub = EmulatedCognito.completedUser(phone);
        EmulatedCognito.emulator().resetCallCounts();

        Answer started = start(phone);

        assertThat(started.status()).isEqualTo(202);
        assertThat(EmulatedCognito.totalCalls()).as("AdminCreateUser refused, then AdminInitiateAuth").isEqualTo(2);
        assertThat(EmulatedCognito.emulator().callCount("AdminCreateUser")).isEqualTo(1);
        assertThat(codeRequest(phone, 1).purpose()).isEqualTo(OtpPurpose.LOGIN);
        assertThat(announcementsOf(phone)).as("announced before the creation Cognito refused, and not again").isEqualTo(1);
        var user = EmulatedCognito.user(phone);
        assertThat(EmulatedCognito.attribute(user, "sub")).isEqualTo(sub);
        assertThat(EmulatedCognito.attribute(user, "phone_number_verified")).isEqualTo("true");
        assertThat(EmulatedCognito.attribute(user, "custom:pg_completed")).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(management().get("/actuator/prometheus").body()).contains(
                "phonegate_cognito_errors_total{application=\"auth-gateway\",error=\"UsernameExistsException\",operation=\"AdminCreateUser\"}");

        assertThat(verify(phone, started.text("challenge"), codeSentTo(phone, 1)).status()).isEqualTo(200);
        EmulatedCognito.emulator().resetCallCounts();
        assertThat(start(phone).status()).isEqualTo(202);
        assertThat(EmulatedCognito.totalCalls()).as("logged in now: the marker is back, one call").isEqualTo(1);
        assertThat(announcementsOf(phone)).isEqualTo(1);
    }

    @Test
    void aDisabledUserWithoutTheMarkerGetsALookAlikeAndNoCode() {
        String phone = Phones.fresh();
        String sub = EmulatedCognito.completedUser(phone);
        EmulatedCognito.disable(phone);

        Answer started = start(phone);

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.text("challenge")).matches("[A-Za-z0-9_-]+");
        assertThat(otps.recordsToEnd(WAIT).stream().map(TopicReader::decode)
                .filter(e -> e instanceof OtpRequested o && o.phone().e164().equals(phone))).isEmpty();
        assertThat(EmulatedCognito.user(phone).enabled()).isFalse();
        assertThat(EmulatedCognito.attribute(EmulatedCognito.user(phone), "sub")).isEqualTo(sub);
    }

    /**
     * {@code AdminCreateUser} is in Cognito's smallest quota category (UserCreation): a throttled creation
     * must not keep a known user from logging in, as it never did before create-first.
     */
    @Test
    void aKnownUserWithoutTheMarkerLogsInWhileCreationsAreThrottledAndANewNumberIsTurnedAway() {
        String known = Phones.fresh();
        String fresh = Phones.fresh();
        EmulatedCognito.completedUser(known);
        EmulatedCognito.emulator().setFaults(CognitoFaults.throttling(1.0).onlyFor("AdminCreateUser"));

        Answer knownStarted = start(known);
        Answer freshStarted = start(fresh);

        assertThat(knownStarted.status()).isEqualTo(202);
        assertThat(codeRequest(known, 1).purpose()).isEqualTo(OtpPurpose.LOGIN);
        assertThat(freshStarted.status()).isEqualTo(503);
        assertThat(freshStarted.text("type")).isEqualTo("https://phonegate.io/problems/busy");
        assertThat(freshStarted.retryAfter()).isNotNull();
        assertThat(exists(fresh)).isFalse();
        assertThat(announcementsOf(fresh)).as("announced once, before its first creation").isEqualTo(1);
    }

    private long announcementsOf(String phone) {
        return announcements.recordsToEnd(WAIT).stream().map(TopicReader::decode)
                .filter(e -> e instanceof SignupRequestedV2 a && a.username().equals(phone)).count();
    }

    private OtpRequested codeRequest(String phone, int nth) {
        return otps.awaitEvents(OtpRequested.class, e -> e.phone().e164().equals(phone), nth, WAIT).get(nth - 1);
    }

    private String codeSentTo(String phone, int nth) {
        return EmulatedCognito.SEAL.unseal(codeRequest(phone, nth).sealedCode(), phone);
    }

    private static boolean exists(String phone) {
        return catchThrowableOfType(UserNotFoundException.class, () -> EmulatedCognito.user(phone)) == null;
    }

    private Answer start(String phone) {
        return http.postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", phone)));
    }

    private Answer verify(String phone, String challenge, String code) {
        return http.postJson("/v1/auth/verify", GatewayHttp.json(Map.of("phone", phone, "challenge", challenge, "code", code)));
    }
}
