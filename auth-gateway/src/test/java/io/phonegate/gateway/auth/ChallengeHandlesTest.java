package io.phonegate.gateway.auth;

import io.phonegate.common.answer.AnswerSignatures;
import io.phonegate.common.keys.KeyRing;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.gateway.delivery.Tracking;
import io.phonegate.gateway.problem.ApiProblem;
import io.phonegate.gateway.problem.Problem;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChallengeHandlesTest {

    private static final PhoneNumber PHONE = PhoneNumber.ofE164("+919876543210");
    private static final PhoneNumber OTHER = PhoneNumber.ofE164("+919876543211");
    private static final String SESSION = "AYABeFh3+Zx1/q0w2Kd=" + "AbCdEf0123456789".repeat(20) + "==";
    private static final Instant STARTED = Instant.parse("2026-11-24T10:00:00.123Z");
    private static final Instant EXPIRY = Instant.parse("2026-11-24T10:03:00.123Z");
    private static final Tracking TEXTED = new Tracking("AbCdEfGhIjKlMnOpQrStUv", STARTED, EXPIRY, null);
    private static final Tracking UNTEXTED = new Tracking("ZyXwVuTsRqPoNmLkJiHgFe", STARTED, EXPIRY,
            STARTED.plusMillis(640));

    private final String oldKey = KeyRing.newKeyConfig("a1");
    private final String newKey = KeyRing.newKeyConfig("a2");
    private final ChallengeHandles handles = handles(oldKey, "a1");

    @Test
    void aSessionHandleOpensToTheSessionAndItsTrackingForItsNumberOnly() {
        String handle = handles.forSession(PHONE, SESSION, TEXTED);

        assertThat(handles.open(handle, PHONE)).isInstanceOfSatisfying(ChallengeHandles.Session.class, opened -> {
            assertThat(opened.session()).isEqualTo(SESSION);
            assertThat(opened.tracking()).isEqualTo(TEXTED);
        });
        assertInvalid(() -> handles.open(handle, OTHER));
        assertThat(handle).matches("[A-Za-z0-9_-]+").doesNotContain(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(SESSION.substring(0, 30).getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aLookAlikeOpensToItsStateAndIsAsLongAsTheLastRealHandle() {
        String real = handles.forSession(PHONE, SESSION, TEXTED);

        String lookAlike = handles.lookAlike(OTHER, 3, UNTEXTED);

        assertThat(lookAlike).hasSameSizeAs(real);
        assertThat(handles.open(lookAlike, OTHER)).isInstanceOfSatisfying(ChallengeHandles.LookAlike.class, opened -> {
            assertThat(opened.attemptsLeft()).isEqualTo(3);
            assertThat(opened.expiresAt()).isEqualTo(EXPIRY);
            assertThat(opened.tracking()).isEqualTo(UNTEXTED);
        });
        assertInvalid(() -> handles.open(lookAlike, PHONE));
    }

    @Test
    void theHandleAloneOpensForItsStatusWhoeverItBelongsTo() {
        assertThat(handles.openForStatus(handles.forSession(PHONE, SESSION, TEXTED)).tracking()).isEqualTo(TEXTED);
        assertThat(handles.openForStatus(handles.lookAlike(OTHER, 2, UNTEXTED)).tracking()).isEqualTo(UNTEXTED);
        assertInvalid(() -> handles.openForStatus("A".repeat(400)));
        assertInvalid(() -> handles.openForStatus(handles(newKey, "a2").forSession(PHONE, SESSION, TEXTED)));
    }

    @Test
    void sessionsOfNearlyTheSameLengthGiveHandlesOfTheSameLengthWhateverTheNumber() {
        PhoneNumber longer = PhoneNumber.ofE164("+4915123456789");
        assertThat(handles.forSession(PHONE, "s".repeat(100), TEXTED))
                .hasSameSizeAs(handles.forSession(longer, "s".repeat(140), UNTEXTED));
        assertThat(handles.forSession(PHONE, "s".repeat(100), TEXTED)).hasSameSizeAs(handles.lookAlike(longer, 3, UNTEXTED));
    }

    @Test
    void everyHandleIsNewWithItsOwnId() {
        Set<String> texts = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String handle = i % 2 == 0 ? handles.forSession(PHONE, SESSION, TEXTED) : handles.lookAlike(PHONE, 3, UNTEXTED);
            texts.add(handle);
            ids.add(handles.open(handle, PHONE).id());
        }

        assertThat(texts).hasSize(50);
        assertThat(ids).hasSize(50).allMatch(id -> id.matches("[A-Za-z0-9_-]{16}"));
    }

    @Test
    void anythingTheGatewayDidNotSealIsRefused() {
        String real = handles.forSession(PHONE, SESSION, TEXTED);
        byte[] bytes = Base64.getUrlDecoder().decode(real);
        bytes[bytes.length - 20] ^= 1;
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String oldStyle = Base64.getUrlEncoder().withoutPadding().encodeToString(SESSION.getBytes(StandardCharsets.US_ASCII));

        assertInvalid(() -> handles.open(tampered, PHONE));
        assertInvalid(() -> handles.open(real.substring(0, real.length() - 8), PHONE));
        assertInvalid(() -> handles.open(oldStyle, PHONE));
        assertInvalid(() -> handles.open("A".repeat(400), PHONE));
        assertInvalid(() -> handles.open("not/base64url+", PHONE));
        assertInvalid(() -> handles.open(handles(newKey, "a2").forSession(PHONE, SESSION, TEXTED), PHONE));
        assertThatThrownBy(() -> handles.open(null, PHONE)).isInstanceOfSatisfying(ApiProblem.class,
                problem -> assertThat(problem.problem()).isEqualTo(Problem.INVALID_REQUEST));
    }

    @Test
    void aKeyRotationKeepsEveryHandleGoodWhileItsKeyIsListed() {
        String before = handles.forSession(PHONE, SESSION, TEXTED);
        ChallengeHandles listsTheNewKey = handles(oldKey + "," + newKey, "a1");
        ChallengeHandles signsWithTheNewKey = handles(oldKey + "," + newKey, "a2");
        ChallengeHandles after = handles(newKey, "a2");

        assertThat(signsWithTheNewKey.open(before, PHONE)).isInstanceOf(ChallengeHandles.Session.class);
        assertThat(listsTheNewKey.open(signsWithTheNewKey.forSession(PHONE, SESSION, TEXTED), PHONE))
                .isInstanceOf(ChallengeHandles.Session.class);
        assertInvalid(() -> after.open(before, PHONE));
    }

    private static ChallengeHandles handles(String keys, String signingKeyId) {
        return new ChallengeHandles(AnswerSignatures.keyRing(keys, signingKeyId));
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable open) {
        assertThatThrownBy(open).isInstanceOfSatisfying(ApiProblem.class,
                problem -> assertThat(problem.problem()).isEqualTo(Problem.INVALID_CHALLENGE));
    }
}
