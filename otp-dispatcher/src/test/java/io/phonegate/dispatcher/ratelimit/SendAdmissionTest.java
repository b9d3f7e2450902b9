package io.phonegate.dispatcher.ratelimit;

import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.dispatcher.DispatcherProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SendAdmissionTest {

    private static final PhoneNumber PHONE = PhoneNumber.ofE164("+919876543210");
    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void defaultsAllowThreeCodesInABurstAndRefuseTheFourth() {
        SendAdmission admission = new SendAdmission(limits(Map.of(), 10_000, 50_000));

        admitTimes(admission, PHONE, 3, T0, Duration.ofSeconds(10));

        assertThat(admission.admit(PHONE, T0.plusSeconds(40))).contains(LimitKind.PHONE_BURST);
    }

    @Test
    void sixthCodeWithinAnHourIsRefusedOnceTheBurstWindowHasPassed() {
        SendAdmission admission = new SendAdmission(limits(Map.of(), 10_000, 50_000));

        admitTimes(admission, PHONE, 5, T0, Duration.ofMinutes(11));

        assertThat(admission.admit(PHONE, T0.plus(Duration.ofMinutes(55)))).contains(LimitKind.PHONE_HOURLY);
    }

    @Test
    void hourlyWindowSlidesSoAnHourAfterTheFirstCodeAnotherIsAllowed() {
        SendAdmission admission = new SendAdmission(limits(Map.of(), 10_000, 50_000));
        admitTimes(admission, PHONE, 5, T0, Duration.ofMinutes(11));

        assertThat(admission.admit(PHONE, T0.plus(Duration.ofMinutes(60)).plusSeconds(1))).isEmpty();
    }

    @Test
    void eleventhCodeWithinADayIsRefused() {
        SendAdmission admission = new SendAdmission(limits(Map.of(), 10_000, 50_000));

        admitTimes(admission, PHONE, 10, T0, Duration.ofMinutes(61));

        assertThat(admission.admit(PHONE, T0.plus(Duration.ofHours(23)))).contains(LimitKind.PHONE_DAILY);
        assertThat(admission.admit(PHONE, T0.plus(Duration.ofHours(24)).plusSeconds(1))).isEmpty();
    }

    @Test
    void refusedCodesDoNotCountAgainstTheNumber() {
        SendAdmission admission = new SendAdmission(limits(Map.of(), 10_000, 50_000));
        admitTimes(admission, PHONE, 3, T0, Duration.ofSeconds(1));
        for (int i = 0; i < 20; i++) {
            assertThat(admission.admit(PHONE, T0.plusSeconds(10 + i))).isPresent();
        }

        assertThat(admission.admit(PHONE, T0.plus(Duration.ofMinutes(11)))).isEmpty();
    }

    @Test
    void countryCapRefusesThatCountryOnlyAndZeroStopsIt() {
        SendAdmission admission = new SendAdmission(limits(Map.of("IN", 2, "GB", 0), 10_000, 50_000));
        admission.admit(PhoneNumber.ofE164("+919800000001"), T0);
        admission.admit(PhoneNumber.ofE164("+919800000002"), T0);

        assertThat(admission.admit(PhoneNumber.ofE164("+919800000003"), T0)).contains(LimitKind.COUNTRY);
        assertThat(admission.admit(PhoneNumber.ofE164("+14155550100"), T0)).isEmpty();
        assertThat(admission.admit(PhoneNumber.ofE164("+447700900123"), T0)).contains(LimitKind.COUNTRY);
        assertThat(admission.admit(PhoneNumber.ofE164("+919800000003"), T0.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void dailyBudgetRefusesEveryNumberUntilTheNextUtcDay() {
        SendAdmission admission = new SendAdmission(limits(Map.of(), 10_000, 2));
        admission.admit(PhoneNumber.ofE164("+919800000001"), T0);
        admission.admit(PhoneNumber.ofE164("+919800000002"), T0);

        assertThat(admission.admit(PhoneNumber.ofE164("+14155550100"), T0)).contains(LimitKind.DAILY_BUDGET);
        assertThat(admission.admit(PhoneNumber.ofE164("+14155550100"), Instant.parse("2026-05-02T00:00:01Z"))).isEmpty();
    }

    @Test
    void numbersIdleForADayAreForgotten() {
        SendAdmission admission = new SendAdmission(limits(Map.of(), 10_000, 50_000));
        admission.admit(PHONE, T0);
        admission.admit(PhoneNumber.ofE164("+14155550100"), T0.plus(Duration.ofHours(20)));

        admission.forgetIdle(T0.plus(Duration.ofHours(25)));

        assertThat(admission.trackedNumbers()).isEqualTo(1);
    }

    private static void admitTimes(SendAdmission admission, PhoneNumber phone, int times, Instant start, Duration step) {
        for (int i = 0; i < times; i++) {
            Optional<LimitKind> refused = admission.admit(phone, start.plus(step.multipliedBy(i)));
            assertThat(refused).as("code " + (i + 1)).isEmpty();
        }
    }

    /** The defaults of phonegate.dispatcher.limits, with country caps and budget as given. */
    private static DispatcherProperties.Limits limits(Map<String, Integer> countries, int countryHourly, int dailyBudget) {
        return new DispatcherProperties.Limits(3, Duration.ofMinutes(10), 5, 10, countryHourly, countries, 20, dailyBudget);
    }
}
