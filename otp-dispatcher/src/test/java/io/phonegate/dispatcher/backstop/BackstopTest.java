package io.phonegate.dispatcher.backstop;

import io.phonegate.common.event.DeliveryOutcome;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.dispatcher.DispatcherProperties;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BackstopTest {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
    private final InMemoryNumberCap cap = new InMemoryNumberCap(2);
    private final Backstop backstop = new Backstop(new DispatcherProperties.Backstop(Set.of("in", "GB"), 2), cap);

    @Test
    void aMobileNumberInAnAllowedCountryUnderItsCapPasses() {
        assertThat(backstop.check(PhoneNumber.ofE164("+919876543210"), NOW)).isEmpty();
        assertThat(backstop.check(PhoneNumber.ofE164("+447911123456"), NOW)).isEmpty();
    }

    @Test
    void aCountryOutsideTheAllowedOnesFailsForGood() {
        Backstop.Refusal refusal = backstop.check(PhoneNumber.ofE164("+12015550123"), NOW).orElseThrow();

        assertThat(refusal.kind()).isEqualTo(BackstopRefusal.COUNTRY);
        assertThat(refusal.kind().outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(refusal.reason()).startsWith("backstop: ").contains("US");
    }

    @Test
    void aNumberThatCannotReceiveSmsFailsForGood() {
        Backstop.Refusal refusal = backstop.check(PhoneNumber.ofE164("+911123456789"), NOW).orElseThrow();

        assertThat(refusal.kind()).isEqualTo(BackstopRefusal.NUMBER_TYPE);
        assertThat(refusal.kind().outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(refusal.reason()).startsWith("backstop: ");
    }

    @Test
    void aNumberOverItsDailyCapIsRateLimited() {
        PhoneNumber phone = PhoneNumber.ofE164("+919876543210");
        backstop.check(phone, NOW);
        backstop.check(phone, NOW);

        Backstop.Refusal refusal = backstop.check(phone, NOW).orElseThrow();

        assertThat(refusal.kind()).isEqualTo(BackstopRefusal.NUMBER_CAP);
        assertThat(refusal.kind().outcome()).isEqualTo(DeliveryOutcome.RATE_LIMITED);
        assertThat(refusal.reason()).isEqualTo("backstop: the number already had 2 codes today (UTC)");
    }

    @Test
    void refusedCountriesAndTypesDoNotUseUpTheCap() {
        PhoneNumber landline = PhoneNumber.ofE164("+911123456789");
        backstop.check(landline, NOW);
        backstop.check(landline, NOW);

        assertThat(cap.count(landline, NOW)).isTrue();
    }
}
