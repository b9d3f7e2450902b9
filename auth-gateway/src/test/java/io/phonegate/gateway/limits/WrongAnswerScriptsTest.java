package io.phonegate.gateway.limits;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code wrong_answer_reserve.lua} and {@code wrong_answer_settle.lua} alone. */
class WrongAnswerScriptsTest extends RedisScriptTestBase {

    private static final String SUBJECT = "BBBBBBBBBBBBBBBBBBBBBB";
    private static final String LEDGER = StoreKeys.wrongAnswers(SUBJECT);
    private static final String MARKER = StoreKeys.verified(SUBJECT);
    private static final String HANDLE = "nonceOfTheHandle";
    private static final String ANSWERED = StoreKeys.answeredHandle(SUBJECT, HANDLE);

    private RedisWrongAnswerLedger ledger() {
        return new RedisWrongAnswerLedger(redis.template(), 10);
    }

    @Test
    void aReservationIsAMemberAtItsTimeAndTheLedgerLivesADayFromTheLastOne() {
        WrongAnswers.Reservation reservation = ledger().reserve(SUBJECT, HANDLE, T0).grant();

        assertThat(redis.template().opsForZSet().score(LEDGER, reservation.id())).isEqualTo((double) T0.toEpochMilli());
        assertExpiresIn(LEDGER, Duration.ofHours(24));
    }

    @Test
    void aRightAnswerGivesItsPlaceBackAndMarksTheNumberForTheConfiguredTime() {
        RedisWrongAnswerLedger ledger = ledger();
        WrongAnswers.Reservation wrong = ledger.reserve(SUBJECT, HANDLE, T0).grant();
        WrongAnswers.Reservation right = ledger.reserve(SUBJECT, HANDLE, T0).grant();

        ledger.accepted(right, Duration.ofDays(90));

        assertThat(redis.template().opsForZSet().range(LEDGER, 0, -1)).containsExactly(wrong.id());
        assertThat(redis.template().opsForValue().get(MARKER)).isEqualTo("1");
        assertExpiresIn(MARKER, Duration.ofDays(90));
    }

    @Test
    void anUnjudgedAnswerGivesItsPlaceBackAndMarksNothing() {
        RedisWrongAnswerLedger ledger = ledger();

        ledger.giveBack(ledger.reserve(SUBJECT, HANDLE, T0).grant());

        assertThat(redis.template().hasKey(LEDGER)).isFalse();
        assertThat(redis.template().hasKey(MARKER)).isFalse();
    }

    @Test
    void aReservationMarksItsHandleAnsweredUntilNoHandleCanLiveAnyLonger() {
        WrongAnswers.Reservation reservation = ledger().reserve(SUBJECT, HANDLE, T0).grant();

        assertThat(redis.template().opsForValue().get(ANSWERED))
                .isEqualTo(T0.plus(WrongAnswerLedger.HANDLE_MEMORY).toEpochMilli() + ":" + reservation.id());
        assertExpiresIn(ANSWERED, WrongAnswerLedger.HANDLE_MEMORY);
        assertThat(redis.template().keys("phonegate:answered:*")).allMatch(key -> key.contains("{" + SUBJECT + "}"));
    }

    @Test
    void anUnjudgedAnswerFreesItsHandleAndARightOneKeepsItAnswered() {
        RedisWrongAnswerLedger ledger = ledger();
        ledger.giveBack(ledger.reserve(SUBJECT, HANDLE, T0).grant());
        assertThat(redis.template().hasKey(ANSWERED)).isFalse();

        ledger.accepted(ledger.reserve(SUBJECT, HANDLE, T0).grant(), Duration.ofDays(90));

        assertThat(redis.template().hasKey(ANSWERED)).isTrue();
    }

    @Test
    void reservationsOlderThanADayAreDroppedOnTheNextOne() {
        RedisWrongAnswerLedger ledger = ledger();
        ledger.reserve(SUBJECT, HANDLE, T0);

        WrongAnswers.Reservation next = ledger.reserve(SUBJECT, "next", T0.plus(Duration.ofHours(24))).grant();

        assertThat(redis.template().opsForZSet().range(LEDGER, 0, -1)).containsExactly(next.id());
    }
}
