package io.phonegate.gateway.limits;

import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.common.store.PhoneSubject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one active number costs the store, measured with {@code MEMORY USAGE} on the keys the
 * scripts write (the README's sizing figure). A number at its daily maximum: 10 starts, 10 wrong
 * answers and the log-in marker, with the marks of the 11 handles answered (at most 15 minutes old).
 */
class StoreMemoryTest extends RedisScriptTestBase {

    @Test
    void aNumberAtItsDailyMaximumTakesUnderTwoAndAHalfKilobytes() {
        String subject = PhoneSubject.derivedFrom("secret".getBytes(StandardCharsets.UTF_8), "gateway-limits")
                .of(PhoneNumber.ofE164("+919876543210"));
        LimitSettings settings = TestLimits.defaults().cooldown(Duration.ZERO).build();
        RedisAdmissionStore admission = new RedisAdmissionStore(redis.template(), settings);
        RedisWrongAnswerLedger ledger = new RedisWrongAnswerLedger(redis.template(), settings.wrongAnswersPerDay());
        long typical = 0;
        for (int i = 0; i < 10; i++) {
            admission.admit(subject, "IN", T0.plus(Duration.ofHours(i)));
            ledger.reserve(subject, "wrong-" + i, T0.plus(Duration.ofHours(i)));
            if (i == 0) {
                ledger.accepted(ledger.reserve(subject, "right", T0).grant(), Duration.ofDays(90));
                typical = bytes(subject);
            }
        }

        long worst = bytes(subject);
        System.out.printf("store bytes per number: one start + one wrong answer + marker = %d, daily maximum = %d%n",
                typical, worst);
        assertThat(typical).isPositive().isLessThan(worst);
        assertThat(worst).isLessThan(2560);
    }

    /** The number's keys, its answered-handle marks included (each lives 15 minutes; here all are still there). */
    private long bytes(String subject) {
        List<String> keys = new ArrayList<>(List.of(StoreKeys.phoneStarts(subject), StoreKeys.wrongAnswers(subject),
                StoreKeys.verified(subject)));
        keys.addAll(redis.template().keys(StoreKeys.answeredHandle(subject, "*")));
        return keys.stream().mapToLong(redis::memoryUsage).sum();
    }
}
