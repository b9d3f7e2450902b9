package io.phonegate.reaper.cognito;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.devstack.cognito.CognitoEmulator;
import io.phonegate.reaper.CognitoPool;
import io.phonegate.reaper.ReaperMetrics;
import io.phonegate.reaper.Signups;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Cognito edge on the emulator: what the full scan pays per pass, and what a re-read decides. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CognitoUserDirectoryTest {

    private static final int CONFIRMED_USERS = 130;

    private CognitoPool pool;
    private CognitoEmulator emulator;
    private CognitoIdentityProviderClient client;
    private CognitoUserDirectory directory;

    @BeforeAll
    void start() {
        pool = CognitoPool.start();
        emulator = pool.emulator();
        client = new CognitoConfiguration().cognitoIdentityProviderClient(
                new CognitoProperties(emulator.endpoint().toString(), emulator.userPoolId()),
                new AwsProperties(emulator.region()));
        PoolSelfCheck poolCheck = new PoolSelfCheck(client, new CognitoProperties(emulator.endpoint().toString(),
                emulator.userPoolId()), new SimpleMeterRegistry());
        assertThat(poolCheck.check().suits()).isTrue();
        ReaperMetrics metrics = new ReaperMetrics(new SimpleMeterRegistry());
        directory = new CognitoUserDirectory(client, new CognitoCalls(new CallRateLimiter(1_000),
                CognitoCalls.BackOff.DEFAULT, metrics), emulator.userPoolId(), poolCheck, metrics);
    }

    @AfterAll
    void stop() {
        client.close();
        pool.close();
    }

    @Test
    void aPassOverTheConfirmedUsersCostsOneListUsersCallPerSixtyWithOnlyTheRulesAttributes() {
        Stream.generate(Signups::newPhone).limit(CONFIRMED_USERS).forEach(pool::createPending);
        pool.createUnconfirmed(Signups.newPhone());
        emulator.resetCallCounts();

        List<DirectoryUser> seen = new ArrayList<>();
        String token = null;
        UserDirectory.Page page;
        do {
            page = directory.confirmedUsers(token);
            seen.addAll(page.users());
            token = page.nextToken();
        } while (!page.last());

        assertThat(emulator.callCount("ListUsers")).isEqualTo((CONFIRMED_USERS + 59) / 60);
        assertThat(seen).hasSize(CONFIRMED_USERS).allSatisfy(user -> {
            assertThat(user.status()).isEqualTo("CONFIRMED");
            assertThat(user.sub()).isNotBlank();
            assertThat(user.pending()).isTrue();
        });
    }

    @Test
    void reReadTellsTheAnnouncedUserFromALaterOneByItsCreationTime() {
        PhoneNumber phone = Signups.newPhone();
        Instant announcedAt = Instant.now();
        String sub = pool.createPending(phone);

        Outcome later = directory.deleteIfStillPending(phone.e164(),
                ExpectedUser.createdNoLaterThan(announcedAt.minus(Duration.ofMinutes(5))), false);
        Outcome same = directory.deleteIfStillPending(phone.e164(),
                ExpectedUser.createdNoLaterThan(announcedAt.plus(Duration.ofMinutes(1))), false);
        Outcome absent = directory.deleteIfStillPending(phone.e164(),
                ExpectedUser.createdNoLaterThan(announcedAt.plus(Duration.ofMinutes(1))), false);

        assertThat(later).isEqualTo(new Outcome(Verdict.REPLACED, sub));
        assertThat(same).isEqualTo(new Outcome(Verdict.DELETED, sub));
        assertThat(absent).isEqualTo(new Outcome(Verdict.GONE, null));
    }
}
