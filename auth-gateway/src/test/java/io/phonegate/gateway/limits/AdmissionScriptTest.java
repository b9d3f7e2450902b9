package io.phonegate.gateway.limits;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.phonegate.common.phone.PhoneNumber;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code admission.lua} and {@code admission_release.lua} alone: what they write, and for how long. */
class AdmissionScriptTest extends RedisScriptTestBase {

    private static final String SUBJECT = "AAAAAAAAAAAAAAAAAAAAAA";
    private static final String PHONE_KEY = StoreKeys.phoneStarts(SUBJECT);
    private static final String COUNTRY_KEY = StoreKeys.country("IN");
    private static final String BUDGET_KEY = "phonegate:budget:{sms}:2026-11-24";
    private static final long MINUTE = T0.toEpochMilli() / 60_000;

    @Test
    void anAdmittedStartIsCountedForTheNumberTheCountryAndTheDayEachWithItsOwnExpiry() {
        Admission.Slot slot = store(TestLimits.defaults()).admit(SUBJECT, "IN", T0).grant();

        assertThat(redis.template().opsForZSet().score(PHONE_KEY, slot.id())).isEqualTo((double) T0.toEpochMilli());
        assertExpiresIn(PHONE_KEY, Duration.ofHours(24));
        assertThat(redis.template().opsForHash().get(COUNTRY_KEY, String.valueOf(MINUTE))).isEqualTo("1");
        assertExpiresIn(COUNTRY_KEY, Duration.ofMinutes(61));
        assertThat(redis.template().opsForHash().get(BUDGET_KEY, "new")).isEqualTo("1");
        // Until an hour after the next UTC midnight: 13 h to midnight from 11:00.
        assertExpiresIn(BUDGET_KEY, Duration.ofHours(14));
    }

    @Test
    void aRefusedStartWritesNoCount() {
        RedisAdmissionStore store = store(TestLimits.defaults());
        store.admit(SUBJECT, "IN", T0);

        assertThat(store.admit(SUBJECT, "IN", T0.plusSeconds(1)).refusedBy()).isEqualTo(EdgeLimit.PHONE_COOLDOWN);

        assertThat(redis.template().opsForZSet().size(PHONE_KEY)).isEqualTo(1);
        assertThat(redis.template().opsForHash().get(COUNTRY_KEY, String.valueOf(MINUTE))).isEqualTo("1");
        assertThat(redis.template().opsForHash().get(BUDGET_KEY, "new")).isEqualTo("1");
    }

    @Test
    void aReleaseTakesBackEveryCountOnceAndKeepsTheExpiry() {
        RedisAdmissionStore store = store(TestLimits.defaults());
        store.admit("other-subject", "IN", T0);
        Admission.Slot slot = store.admit(SUBJECT, "IN", T0).grant();

        store.release(slot);
        store.release(slot);

        assertThat(redis.template().hasKey(PHONE_KEY)).isFalse();
        assertThat(redis.template().opsForHash().get(COUNTRY_KEY, String.valueOf(MINUTE))).isEqualTo("1");
        assertThat(redis.template().opsForHash().get(BUDGET_KEY, "new")).isEqualTo("1");
        assertExpiresIn(COUNTRY_KEY, Duration.ofMinutes(61));
        assertExpiresIn(BUDGET_KEY, Duration.ofHours(14));
    }

    @Test
    void countsOlderThanTheirWindowAreDroppedWhenTheNumberOrCountryComesBack() {
        RedisAdmissionStore store = store(TestLimits.defaults());
        store.admit(SUBJECT, "IN", T0);

        Admission.Slot later = store.admit(SUBJECT, "IN", T0.plus(Duration.ofHours(25))).grant();

        assertThat(redis.template().opsForZSet().range(PHONE_KEY, 0, -1)).containsExactly(later.id());
        assertThat(redis.template().opsForHash().keys(COUNTRY_KEY)).containsExactly(String.valueOf(MINUTE + 25 * 60));
    }

    @Test
    void aKnownNumberIsCountedAgainstTheLogInShare() {
        redis.template().opsForValue().set(StoreKeys.verified(SUBJECT), "1");

        assertThat(store(TestLimits.defaults()).admit(SUBJECT, "IN", T0).grant().login()).isTrue();
        assertThat(redis.template().opsForHash().get(BUDGET_KEY, "login")).isEqualTo("1");
    }

    @Test
    void theStoreNamesNumbersOnlyByTheirKeyedHash() {
        PhoneNumber phone = PhoneNumber.ofE164("+919876543210");
        LimitSettings settings = TestLimits.defaults().build();
        Admission admission = new Admission(new RedisAdmissionStore(redis.template(), settings),
                StoreKeys.from("", "app-client-secret"), new StoreCalls(new SimpleMeterRegistry(), settings.store()),
                new EdgeRefusals(new SimpleMeterRegistry()), settings, Clock.fixed(T0, ZoneOffset.UTC));

        admission.admit(phone);

        assertThat(redis.template().keys("*")).isNotEmpty()
                .allSatisfy(key -> assertThat(key).doesNotContain("9876543210").matches("phonegate:[a-z_]+:\\{[^}]+}(:.+)?"));
    }

    private RedisAdmissionStore store(TestLimits limits) {
        return new RedisAdmissionStore(redis.template(), limits.build());
    }
}
