package io.phonegate.gateway.auth;

import io.phonegate.gateway.problem.ApiProblem;
import io.phonegate.gateway.problem.Problem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefreshTokenHandlesTest {

    private final RefreshTokenHandles handles = new RefreshTokenHandles();

    @Test
    void aWrappedRefreshTokenOpensToTheUsernameAndCognitosToken() {
        String cognitoToken = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.part2.part3.part4.part5";

        RefreshTokenHandles.Opened opened = handles.open(handles.wrap("+919876543210", cognitoToken));

        assertThat(opened.username()).isEqualTo("+919876543210");
        assertThat(opened.refreshToken()).isEqualTo(cognitoToken);
    }

    @Test
    void aUsernameCognitoGeneratedOpensToo() {
        String generated = "5a1c3e0e-9c47-4b6e-8d5f-0d1f6b2a7c3e";

        assertThat(handles.open(handles.wrap(generated, "x".repeat(40))).username()).isEqualTo(generated);
        assertThat(handles.open(handles.wrap("u".repeat(128), "x".repeat(40))).username()).hasSize(128);
    }

    @Test
    void tokensThisServiceDidNotGiveOutAreRefused() {
        assertThatThrownBy(() -> handles.open("eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.part2"))
                .isInstanceOfSatisfying(ApiProblem.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_REFRESH_TOKEN));
    }
}
