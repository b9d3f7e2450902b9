package io.phonegate.gateway.limits;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code wrong_answer_reserve.lua} and {@code wrong_answer_settle.lua} alone. */
class WrongAnswerScriptsTest extends RedisScriptTestBase {

    private static final String SUBJECT = "BBBBBBBBBBBBBBBBBBBBBB";
    private static final String LEDGER = StoreKeys.wrongAnswers(SUBJECT);
    private static final String MARKER = StoreKeys.verified(SUBJECT);

    private RedisWrongAnswerLedger ledger() {
        return new RedisWrongAnswerLedger(redis.template(), 10);
    }

    @Test
    void aReservationIsAMemberAtItsTimeAndTheLedgerLivesADayFromTheLastOne() {
        WrongAnswers.Reservation reservation = ledger().reserve(SUBJECT, T0).grant();

        assertThat(redis.template().opsForZSet().score(LEDGER, reservation.id())).isEqualTo((double) T0.toEpochMilli());
        assertExpiresIn(LEDGER, Duration.ofHours(24));
    }

    @Test
    void aRightAnswerGivesItsPlaceBackAndMarksTheNumberForTheConfiguredTime() {
        RedisWrongAnswerLedger ledger = ledger();
        WrongAnswers.Reservation wrong = ledger.reserve(SUBJECT, T0).grant();
        WrongAnswers.Reservation right = ledger.reserve(SUBJECT, T0).grant();

        ledger.accepted(right, Duration.ofDays(90));

        assertThat(redis.template().opsForZSet().range(LEDGER, 0, -1)).containsExactly(wrong.id());
        assertThat(redis.template().opsForValue().get(MARKER)).isEqualTo("1");
        assertExpiresIn(MARKER, Duration.ofDays(90));
    }

    @Test
    void anUnjudgedAnswerGivesItsPlaceBackAndMarksNothing() {
        RedisWrongAnswerLedger ledger = ledger();

        ledger.giveBack(ledger.reserve(SUBJECT, T0).grant());

        assertThat(redis.template().hasKey(LEDGER)).isFalse();
        assertThat(redis.template().hasKey(MARKER)).isFalse();
    }

    @Test
    void reservationsOlderThanADayAreDroppedOnTheNextOne() {
        RedisWrongAnswerLedger ledger = ledger();
        ledger.reserve(SUBJECT, T0);

        WrongAnswers.Reservation next = ledger.reserve(SUBJECT, T0.plus(Duration.ofHours(24))).grant();

        assertThat(redis.template().opsForZSet().range(LEDGER, 0, -1)).containsExactly(next.id());
    }
}
