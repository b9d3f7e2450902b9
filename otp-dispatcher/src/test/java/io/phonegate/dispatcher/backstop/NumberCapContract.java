package io.phonegate.dispatcher.backstop;

import io.phonegate.common.phone.PhoneNumber;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link NumberCap} promises, with a cap of 3. */
abstract class NumberCapContract {

    static final int CAP = 3;
    private static final Instant MORNING = Instant.parse("2026-11-30T08:00:00Z");

    private final PhoneNumber phone = newPhone();

    abstract NumberCap cap();

    @Test
    void aNumberGetsItsCapThenNothingMoreThatDay() {
        for (int i = 0; i < CAP; i++) {
            assertThat(cap().count(phone, MORNING.plusSeconds(i))).isTrue();
        }
        assertThat(cap().count(phone, Instant.parse("2026-11-30T23:59:59Z"))).isFalse();
    }

    @Test
    void theNextUtcDayStartsAfresh() {
        for (int i = 0; i < CAP; i++) {
            cap().count(phone, MORNING);
        }
        assertThat(cap().count(phone, Instant.parse("2026-12-01T00:00:00Z"))).isTrue();
    }

    @Test
    void numbersAreCountedApart() {
        for (int i = 0; i < CAP; i++) {
            cap().count(phone, MORNING);
        }
        assertThat(cap().count(newPhone(), MORNING)).isTrue();
    }

    private static PhoneNumber newPhone() {
        return PhoneNumber.ofE164("+9198" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000)));
    }
}
