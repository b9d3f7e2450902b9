package io.phonegate.dispatcher.claim;

import io.phonegate.dispatcher.store.TestRedis;
import io.phonegate.testsupport.redis.RealRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim scripts alone on a real Redis, with the time passed in explicitly: what each answers,
 * what it leaves in the hash, and the key's expiry.
 */
@RealRedis
class ClaimScriptsTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long LEASE = 15_000;
    private static final long TTL = 600_000;
    private static TestRedis redis;
    private static StringRedisTemplate template;

    private final String key = "phonegate:claim:{" + UUID.randomUUID().toString().replace("-", "").substring(0, 22) + "}";
    private final String event = UUID.randomUUID().toString();

    @BeforeAll
    static void connect() {
        redis = TestRedis.connect();
        template = redis.template();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Test
    void firstClaimHoldsTheRequestWithALeaseAndGivesTheKeyItsExpiry() {
        assertThat(claim(event, "holderA", NOW, TTL)).containsExactly("send", "0", "0");

        assertThat(hash()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "first", event, "attempts", "0", "h:" + event, "holderA " + (NOW + LEASE)));
        assertThat(pttl()).isBetween(TTL - 5_000, TTL);
    }

    @Test
    void laterClaimsOnlyEverLengthenTheExpiry() {
        claim(event, "holderA", NOW, TTL);
        claim(UUID.randomUUID().toString(), "holderB", NOW, 1_000);
        assertThat(pttl()).isBetween(TTL - 5_000, TTL);

        claim(UUID.randomUUID().toString(), "holderC", NOW, 3 * TTL);
        assertThat(pttl()).isBetween(3 * TTL - 5_000, 3 * TTL);
    }

    @Test
    void anotherHolderWaitsWhileTheLeaseRunsAndChangesNothing() {
        claim(event, "holderA", NOW, TTL);
        Map<String, String> before = hash();

        assertThat(claim(event, "holderB", NOW + LEASE - 1, TTL)).containsExactly("busy", Long.toString(NOW + LEASE));
        assertThat(hash()).isEqualTo(before);
    }

    @Test
    void theSameHolderAskingAgainStillHoldsIt() {
        claim(event, "holderA", NOW, TTL);

        assertThat(claim(event, "holderA", NOW + 10, TTL)).containsExactly("send", "0", "0");
        assertThat(hash()).containsEntry("h:" + event, "holderA " + (NOW + 10 + LEASE));
    }

    @Test
    void aLeaseThatRanOutIsTakenOverWithTheAttemptsMadeSoFar() {
        claim(event, "holderA", NOW, TTL);
        assertThat(renew(event, "holderA", NOW + 1_000)).containsExactly("go", "1");

        assertThat(claim(event, "holderB", NOW + 1_000 + LEASE, TTL)).containsExactly("send", "1", "1");
        assertThat(hash()).containsEntry("h:" + event, "holderB " + (NOW + 1_000 + 2 * LEASE));
    }

    @Test
    void renewCountsTheAttemptAndMovesTheLease() {
        claim(event, "holderA", NOW, TTL);

        assertThat(renew(event, "holderA", NOW + 5_000)).containsExactly("go", "1");
        assertThat(renew(event, "holderA", NOW + 9_000)).containsExactly("go", "2");
        assertThat(hash()).containsEntry("attempts", "2").containsEntry("h:" + event, "holderA " + (NOW + 9_000 + LEASE));
    }

    @Test
    void renewByAHolderThatWasTakenOverIsLostAndChangesNothing() {
        claim(event, "holderA", NOW, TTL);
        claim(event, "holderB", NOW + LEASE, TTL);
        Map<String, String> before = hash();

        assertThat(renew(event, "holderA", NOW + LEASE + 1)).containsExactly("lost");
        assertThat(hash()).isEqualTo(before);
    }

    @Test
    void settleKeepsTheFirstOutcomeAndTellsTheHolderToPublishIt() {
        claim(event, "holderA", NOW, TTL);

        assertThat(settle(event, "holderA", "SENT\n1\nm-1\n")).containsExactly("publish", "SENT\n1\nm-1\n");
        assertThat(settle(event, "holderA", "FAILED\n1\n\nlater")).containsExactly("publish", "SENT\n1\nm-1\n");
        assertThat(hash()).containsEntry("outcome", "SENT\n1\nm-1\n");
    }

    @Test
    void anOutcomeSettledByAHolderThatLostItsLeaseWinsButTheNewHolderPublishesIt() {
        claim(event, "holderA", NOW, TTL);
        claim(event, "holderB", NOW + LEASE, TTL);

        assertThat(settle(event, "holderA", "SENT\n1\nm-1\n")).containsExactly("lost");
        assertThat(renew(event, "holderB", NOW + LEASE + 1)).containsExactly("settled", "SENT\n1\nm-1\n");
    }

    @Test
    void aRedeliveryAfterASettledOutcomeGetsThatOutcomeToPublish() {
        claim(event, "holderA", NOW, TTL);
        settle(event, "holderA", "EXPIRED\n0\n\nthe code expired");

        assertThat(claim(event, "holderB", NOW + LEASE, TTL)).containsExactly("settled", "EXPIRED\n0\n\nthe code expired");
    }

    @Test
    void aReportedRequestIsReportedForEveryLaterClaim() {
        claim(event, "holderA", NOW, TTL);
        settle(event, "holderA", "SENT\n1\nm-1\n");

        assertThat(reported(event)).isEqualTo(1);
        assertThat(hash()).containsEntry("h:" + event, "reported");
        assertThat(claim(event, "holderB", NOW + 2 * LEASE, TTL)).containsExactly("reported");
        assertThat(claim(event, "holderC", NOW, TTL)).containsExactly("reported");
    }

    @Test
    void anotherEventOfTheSameChallengeIsADuplicateWithItsOwnHoldAndReport() {
        String republished = UUID.randomUUID().toString();
        claim(event, "holderA", NOW, TTL);

        assertThat(claim(republished, "holderB", NOW, TTL)).containsExactly("duplicate", "0");
        assertThat(claim(republished, "holderC", NOW + 1, TTL)).containsExactly("busy", Long.toString(NOW + LEASE));
        assertThat(renew(republished, "holderB", NOW + 2)).containsExactly("lost");
        assertThat(settle(republished, "holderB", "SENT\n1\nm\n")).containsExactly("lost");
        assertThat(hash()).doesNotContainKey("outcome").containsEntry("first", event);

        assertThat(claim(republished, "holderC", NOW + LEASE, TTL)).containsExactly("duplicate", "1");

        reported(republished);
        assertThat(claim(republished, "holderD", NOW + 3, TTL)).containsExactly("reported");
        assertThat(claim(event, "holderA", NOW + 3, TTL)).containsExactly("send", "0", "0");
    }

    @Test
    void scriptsOtherThanClaimNeverCreateAKeyWithoutExpiry() {
        assertThat(renew(event, "holderA", NOW)).containsExactly("lost");
        assertThat(settle(event, "holderA", "SENT\n1\nm\n")).containsExactly("lost");
        assertThat(reported(event)).isZero();

        assertThat(template.hasKey(key)).isFalse();
    }

    @Test
    void aFirstSendNeedsTheGatewaysAdmissionToStand() {
        String starts = "phonegate:phone:{" + UUID.randomUUID().toString().replace("-", "").substring(0, 22) + "}:24h";
        template.opsForZSet().add(starts, "slot-1", NOW);

        assertThat(claimAdmitted(event, "holderA", starts, "slot-1")).containsExactly("send", "0", "0");
        assertThat(claimAdmitted(UUID.randomUUID().toString(), "holderB", starts, "slot-gone"))
                .as("another request of the challenge is a duplicate whatever its admission")
                .containsExactly("duplicate", "0");

        String withdrawnEvent = UUID.randomUUID().toString();
        template.delete(key);
        assertThat(claimAdmitted(withdrawnEvent, "holderC", starts, "slot-gone")).containsExactly("withdrawn", "absent");
        assertThat(hash()).containsEntry("h:" + withdrawnEvent, "holderC " + (NOW + LEASE))
                .doesNotContainKey("outcome");
        assertThat(template.opsForZSet().size(starts)).as("the gateway's starts are only read").isEqualTo(1);
    }

    @Test
    void withoutAnAdmissionTheRequireFlagDecides() {
        assertThat(run("claim", event, "holderA", Long.toString(NOW), Long.toString(LEASE), Long.toString(TTL), "", "1"))
                .containsExactly("withdrawn", "missing");
        template.delete(key);
        assertThat(run("claim", event, "holderA", Long.toString(NOW), Long.toString(LEASE), Long.toString(TTL), "", "0"))
                .containsExactly("send", "0", "0");
    }

    @Test
    void onceAnAttemptMayHaveReachedSnsATakeoverSendsWhateverTheAdmission() {
        String starts = "phonegate:phone:{" + UUID.randomUUID().toString().replace("-", "").substring(0, 22) + "}:24h";
        template.opsForZSet().add(starts, "slot-1", NOW);
        claimAdmitted(event, "holderA", starts, "slot-1");
        renew(event, "holderA", NOW + 1);
        template.opsForZSet().remove(starts, "slot-1");

        assertThat(claimAdmitted(event, "holderB", starts, "slot-1", NOW + 1 + LEASE)).containsExactly("send", "1", "1");
    }

    private List<String> claimAdmitted(String eventId, String holder, String starts, String slot) {
        return claimAdmitted(eventId, holder, starts, slot, NOW);
    }

    @SuppressWarnings("unchecked")
    private List<String> claimAdmitted(String eventId, String holder, String starts, String slot, long now) {
        return template.execute(RedisScript.of(new ClassPathResource("META-INF/scripts/claim.lua"), List.class),
                List.of(key, starts), eventId, holder, Long.toString(now), Long.toString(LEASE), Long.toString(TTL), slot, "1",
                "0");
    }

    private List<String> claim(String eventId, String holder, long now, long ttl) {
        return run("claim", eventId, holder, Long.toString(now), Long.toString(LEASE), Long.toString(ttl));
    }

    private List<String> renew(String eventId, String holder, long now) {
        return run("claim-renew", eventId, holder, Long.toString(now), Long.toString(LEASE));
    }

    private List<String> settle(String eventId, String holder, String outcome) {
        return run("claim-settle", eventId, holder, outcome);
    }

    private long reported(String eventId) {
        return template.execute(RedisScript.of(new ClassPathResource("META-INF/scripts/claim-reported.lua"), Long.class),
                List.of(key), eventId);
    }

    @SuppressWarnings("unchecked")
    private List<String> run(String script, String... args) {
        return template.execute(RedisScript.of(new ClassPathResource("META-INF/scripts/" + script + ".lua"), List.class),
                List.of(key), (Object[]) args);
    }

    private Map<String, String> hash() {
        return template.<String, String>opsForHash().entries(key);
    }

    private long pttl() {
        return template.getExpire(key, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
