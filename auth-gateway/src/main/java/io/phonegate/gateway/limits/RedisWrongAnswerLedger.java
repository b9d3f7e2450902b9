package io.phonegate.gateway.limits;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@link WrongAnswerLedger} in Redis: {@code wrong_answer_reserve.lua} and {@code wrong_answer_settle.lua}. */
final class RedisWrongAnswerLedger implements WrongAnswerLedger {

    private static final RedisScript<List<Object>> RESERVE = LuaScripts.load("wrong_answer_reserve");
    private static final RedisScript<List<Object>> SETTLE = LuaScripts.load("wrong_answer_settle");

    private final StringRedisTemplate redis;
    private final String allowance;

    RedisWrongAnswerLedger(StringRedisTemplate redis, int wrongAnswersPerDay) {
        this.redis = redis;
        this.allowance = String.valueOf(wrongAnswersPerDay);
    }

    @Override
    public Verdict<WrongAnswers.Reservation> reserve(String subject, String handleId, Instant now) {
        String id = SlotIds.next();
        List<Object> reply = redis.execute(RESERVE,
                List.of(StoreKeys.wrongAnswers(subject), StoreKeys.answeredHandle(subject, handleId)),
                String.valueOf(now.toEpochMilli()), id, allowance, String.valueOf(HANDLE_MEMORY.toMillis()));
        if (LuaScripts.number(reply.get(0)) == 1) {
            return Verdict.granted(new WrongAnswers.Reservation(subject, id, handleId,
                    LuaScripts.number(reply.get(2)) == 0));
        }
        return Verdict.refused(EdgeLimit.WRONG_ANSWERS, Duration.ofMillis(LuaScripts.number(reply.get(1))));
    }

    @Override
    public void accepted(WrongAnswers.Reservation reservation, Duration remember) {
        settle(reservation, "1", remember);
    }

    @Override
    public void giveBack(WrongAnswers.Reservation reservation) {
        settle(reservation, "0", Duration.ZERO);
    }

    private void settle(WrongAnswers.Reservation reservation, String right, Duration remember) {
        redis.execute(SETTLE,
                List.of(StoreKeys.wrongAnswers(reservation.subject()), StoreKeys.verified(reservation.subject()),
                        StoreKeys.answeredHandle(reservation.subject(), reservation.handleId())),
                reservation.id(), right, String.valueOf(remember.toMillis()));
    }
}
