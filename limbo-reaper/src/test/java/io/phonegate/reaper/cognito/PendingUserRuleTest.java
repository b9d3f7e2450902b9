package io.phonegate.reaper.cognito;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PendingUserRuleTest {

    @ParameterizedTest(name = "sub {0}, {1}, enabled {2}, verified {3} -> {4}")
    @CsvSource({
            "sub-1, CONFIRMED,   true,  false, DELETE",
            "sub-1, UNCONFIRMED, true,  false, DELETE",
            "sub-1, UNCONFIRMED, true,  true,  DELETE",
            "sub-1, CONFIRMED,   true,  true,  VERIFIED",
            "sub-1, CONFIRMED,   false, true,  VERIFIED",
            "sub-2, CONFIRMED,   true,  false, REPLACED",
            "sub-2, UNCONFIRMED, true,  false, REPLACED",
            "sub-1, CONFIRMED,   false, false, DISABLED",
    })
    void userMayBeDeletedOnlyWhileItIsTheSameUnverifiedEnabledUser(String sub, String status, boolean enabled,
                                                                    boolean verified, String expected) {
        String verdict = PendingUserRule.reasonToKeep("sub-1", sub, status, enabled, verified)
                .map(Verdict::name).orElse("DELETE");

        assertThat(verdict).isEqualTo(expected);
    }
}
