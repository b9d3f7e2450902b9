package io.phonegate.devstack.faults;

import io.phonegate.devstack.sns.SmsMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fault suite's wait-for-the-code figures, on made-up starts and texts (no stack needed). */
class SmsDelaysTest {

    private static final Instant T0 = Instant.parse("2026-11-30T11:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(20);

    private final List<LoadDriver.Start> starts = new ArrayList<>();
    private final Map<String, List<SmsMessage>> sms = new HashMap<>();

    @Test
    void aGroupThatLeftPartitionsUnservedShowsAsALongTailAfterTheFault() {
        for (int i = 0; i < 99; i++) {
            started("+9198000000" + String.format("%02d", i), 0, 202);
            texted("+9198000000" + String.format("%02d", i), 400);
        }
        started("+919800000099", 15_000, 202);
        texted("+919800000099", 15_000 + 48_000);

        SmsDelays delays = SmsDelays.of(starts, Map.of(), sms, T0.plusSeconds(10), TTL);

        assertThat(delays.all().count()).isEqualTo(100);
        assertThat(delays.all().p50()).isEqualTo(Duration.ofMillis(400));
        assertThat(delays.all().max()).isEqualTo(Duration.ofSeconds(48));
        assertThat(delays.afterFault().count()).as("started after the fault ended").isEqualTo(1);
        assertThat(delays.afterFault().max()).isEqualTo(Duration.ofSeconds(48));
        assertThat(delays.late()).as("texted after the reaper's TTL").isEqualTo(1);
        assertThat(delays.line()).contains("max 48.0 s").contains("<< LATE");
    }

    @Test
    void aSetUpSignUpIsTimedFromItsStartAndCountsAsLateToo() {
        texted("+919800000001", 45_000);

        SmsDelays delays = SmsDelays.of(starts, Map.of("+919800000001", T0), sms, T0, TTL);

        assertThat(delays.setUp().max()).isEqualTo(Duration.ofSeconds(45));
        assertThat(delays.all().count()).isZero();
        assertThat(delays.late()).isEqualTo(1);
        assertThat(delays.line()).startsWith("start-to-SMS none").contains("set-up sign-ups: max 45.0 s");
    }

    @Test
    void onlyAcceptedStartsWithATextAreTimedAndOnlyTheirFirstText() {
        started("+919800000001", 0, 503);
        texted("+919800000001", 100);
        started("+919800000002", 0, 202);
        started("+919800000003", 0, 202);
        texted("+919800000003", 30_000);
        texted("+919800000003", 900);

        SmsDelays delays = SmsDelays.of(starts, Map.of(), sms, T0, TTL);

        assertThat(delays.all().count()).as("the 503's text is another count; the lost code has no delay").isEqualTo(1);
        assertThat(delays.all().max()).as("a duplicate's later text is not a wait").isEqualTo(Duration.ofMillis(900));
        assertThat(delays.late()).isZero();
        assertThat(delays.line()).doesNotContain("LATE");
    }

    private void started(String phone, long atMillis, int status) {
        Instant sent = T0.plusMillis(atMillis);
        starts.add(new LoadDriver.Start(phone, sent, sent.plusMillis(50), status, status == 202 ? null : "unavailable"));
    }

    private void texted(String phone, long atMillis) {
        sms.computeIfAbsent(phone, p -> new ArrayList<>())
                .add(new SmsMessage(phone, "123456 is your code", "id-" + phone + atMillis, T0.plusMillis(atMillis), Map.of()));
    }
}
