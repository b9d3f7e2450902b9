package io.phonegate.reaper.cognito;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PendingUserRuleTest {

    private static final Instant CREATED = Instant.parse("2026-11-24T10:00:00Z");

    @ParameterizedTest(name = "sub {0}, {1}, enabled {2}, verified {3}, ever completed {4} -> {5}")
    @CsvSource({
            "sub-1, CONFIRMED,             true,  false, false, DELETE",
            "sub-1, UNCONFIRMED,           true,  false, false, DELETE",
            "sub-1, UNCONFIRMED,           true,  true,  false, DELETE",
            "sub-1, CONFIRMED,             true,  true,  false, VERIFIED",
            "sub-1, CONFIRMED,             false, true,  false, VERIFIED",
            "sub-1, CONFIRMED,             true,  false, true,  VERIFIED",
            "sub-1, UNCONFIRMED,           true,  false, true,  VERIFIED",
            "sub-2, CONFIRMED,             true,  false, false, REPLACED",
            "sub-2, UNCONFIRMED,           true,  false, false, REPLACED",
            "sub-1, CONFIRMED,             false, false, false, DISABLED",
            "sub-1, FORCE_CHANGE_PASSWORD, true,  false, false, DELETE",
            "sub-1, FORCE_CHANGE_PASSWORD, true,  true,  false, VERIFIED",
            "sub-1, FORCE_CHANGE_PASSWORD, true,  false, true,  VERIFIED",
            "sub-1, RESET_REQUIRED,        true,  false, false, NOT_PENDING",
    })
    void userMayBeDeletedOnlyWhileItIsTheSamePendingEnabledUserThatNeverCompleted(
            String sub, String status, boolean enabled, boolean verified, boolean everCompleted, String expected) {
        DirectoryUser user = new DirectoryUser("+919876543210", sub, "+919876543210", CREATED, status, enabled,
                verified, everCompleted);

        String verdict = PendingUserRule.reasonToKeep(ExpectedUser.withSub("sub-1"), user)
                .map(Verdict::name).orElse("DELETE");

        assertThat(verdict).isEqualTo(expected);
    }

    @Test
    void announcementWithoutSubMeansTheUserCreatedNoLaterThanItsCreateWindowAllows() {
        ExpectedUser announced = ExpectedUser.createdNoLaterThan(CREATED.plus(Duration.ofMinutes(1)));

        assertThat(PendingUserRule.reasonToKeep(announced, pending(CREATED))).isEmpty();
        assertThat(PendingUserRule.reasonToKeep(announced, pending(CREATED.minus(Duration.ofDays(3)))))
                .as("a pending user announced again when it came back").isEmpty();
        assertThat(PendingUserRule.reasonToKeep(announced, pending(CREATED.plus(Duration.ofMinutes(1)))))
                .as("at the edge of the window").isEmpty();
        assertThat(PendingUserRule.reasonToKeep(announced, pending(CREATED.plus(Duration.ofMinutes(1)).plusMillis(1))))
                .as("a later start made this user").contains(Verdict.REPLACED);
    }

    private static DirectoryUser pending(Instant createdAt) {
        return new DirectoryUser("+919876543210", "any-sub", "+919876543210", createdAt, "CONFIRMED", true, false, false);
    }
}
