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
    void tokensThisServiceDidNotGiveOutAreRefused() {
        assertThatThrownBy(() -> handles.open("eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.part2"))
                .isInstanceOfSatisfying(ApiProblem.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_REFRESH_TOKEN));
    }
}
