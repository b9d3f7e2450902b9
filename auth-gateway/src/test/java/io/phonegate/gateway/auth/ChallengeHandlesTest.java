package io.phonegate.gateway.auth;

import io.phonegate.gateway.problem.ApiProblem;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChallengeHandlesTest {

    private static final String SESSION = "AYABeFh3+Zx1/q0w2Kd=" + "AbCdEf0123456789".repeat(20) + "==";

    private final ChallengeHandles handles = new ChallengeHandles();

    @Test
    void aWrappedSessionOpensToItself() {
        assertThat(handles.open(handles.wrap(SESSION))).isEqualTo(SESSION);
    }

    @Test
    void aLookAlikeHasTheShapeOfTheLastRealSessionButNoneOfItsContent() {
        handles.wrap(SESSION);

        String lookAlike = handles.open(handles.lookAlike());

        assertThat(lookAlike).hasSameSizeAs(SESSION).isNotEqualTo(SESSION);
        for (int i = 0; i < SESSION.length(); i++) {
            char real = SESSION.charAt(i);
            char fake = lookAlike.charAt(i);
            assertThat(Character.getType(fake)).as("character %d", i).isEqualTo(Character.getType(real));
        }
    }

    @Test
    void handlesThatDoNotDecodeToASessionAreRefused() {
        String binary = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
                10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23});
        String tooShort = Base64.getUrlEncoder().withoutPadding().encodeToString("short".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> handles.open(binary)).isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> handles.open(tooShort)).isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> handles.open("not/base64url+")).isInstanceOf(ApiProblem.class);
    }
}
