package io.phonegate.gateway.limits;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of every limit, one suite for every store: the in-memory rules and the Redis scripts
 * must answer alike. Time is passed in and moved by the tests; each test starts on empty stores.
 */
abstract class LimitStoresContract {

    private static final AtomicInteger NAMES = new AtomicInteger();
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    record Stores(AdmissionStore admission, WrongAnswerLedger ledger, ClientIpBuckets clientIp) {
    }

    abstract Stores stores(LimitSettings settings);

    /** A fresh handle id: most tests are about the allowance, not about answering a handle twice. */
    String handle() {
        return "handle-" + handles.incrementAndGet();
    }

    private final String phone = "subject-" + NAMES.incrementAndGet();
    private final AtomicInteger handles = new AtomicInteger();
    private final String region = "IN";

    @Test
    void aFirstStartIsAdmittedAndCountsAgainstTheNewNumbersShare() {
        Verdict<Admission.Slot> verdict = stores(TestLimits.defaults().build()).admission().admit(phone, region, T0);

        assertThat(verdict.isGranted()).isTrue();
        assertThat(verdict.grant().login()).isFalse();
        assertThat(verdict.grant().admittedAt()).isEqualTo(T0);
    }

    @Test
    void theCooldownRefusesUntilItsLastMillisecond() {
        AdmissionStore store = stores(TestLimits.defaults().cooldown(Duration.ofSeconds(30)).build()).admission();
        store.admit(phone, region, T0);

        assertRefused(store.admit(phone, region, T0.plusSeconds(29)), EdgeLimit.PHONE_COOLDOWN, Duration.ofSeconds(1));
        assertRefused(store.admit(phone, region, T0.plusMillis(29_999)), EdgeLimit.PHONE_COOLDOWN, Duration.ofMillis(1));
        assertThat(store.admit(phone, region, T0.plusSeconds(30)).isGranted()).isTrue();
    }

    @Test
    void theHourlyCapIsARollingHour() {
        AdmissionStore store = stores(TestLimits.defaults().cooldown(Duration.ZERO).phone(2, 10).build()).admission();
        store.admit(phone, region, T0);
        store.admit(phone, region, T0.plus(Duration.ofMinutes(30)));

        assertRefused(store.admit(phone, region, T0.plus(Duration.ofMinutes(59))), EdgeLimit.PHONE_HOURLY,
                Duration.ofMinutes(1));
        assertThat(store.admit(phone, region, T0.plus(Duration.ofMinutes(60))).isGranted()).isTrue();
    }

    @Test
    void theDailyCapIsARolling24Hours() {
        AdmissionStore store = stores(TestLimits.defaults().cooldown(Duration.ZERO).phone(1, 3).build()).admission();
        for (int hour = 0; hour < 3; hour++) {
            assertThat(store.admit(phone, region, T0.plus(Duration.ofHours(hour))).isGranted()).isTrue();
        }

        assertRefused(store.admit(phone, region, T0.plus(Duration.ofHours(5))), EdgeLimit.PHONE_DAILY,
                Duration.ofHours(19));
        assertThat(store.admit(phone, region, T0.plus(Duration.ofHours(24))).isGranted()).isTrue();
    }

    @Test
    void whenSeveralLimitsRefuseTheAnswerNamesTheOneThatLastsLongest() {
        AdmissionStore store = stores(TestLimits.defaults().cooldown(Duration.ofSeconds(30)).phone(1, 1).build())
                .admission();
        store.admit(phone, region, T0);

        assertRefused(store.admit(phone, region, T0.plusSeconds(10)), EdgeLimit.PHONE_DAILY,
                Duration.ofHours(24).minusSeconds(10));
    }

    @Test
    void aRefusedStartCountsNothing() {
        AdmissionStore store = stores(TestLimits.defaults().cooldown(Duration.ofSeconds(30)).phone(2, 10).build())
                .admission();
        store.admit(phone, region, T0);
        for (int i = 0; i < 5; i++) {
            assertThat(store.admit(phone, region, T0.plusSeconds(10)).isGranted()).isFalse();
        }

        assertThat(store.admit(phone, region, T0.plusSeconds(30)).isGranted()).isTrue();
    }

    @Test
    void aReleasedStartCostsTheNumberNothing() {
        AdmissionStore store = stores(TestLimits.defaults().cooldown(Duration.ofSeconds(30)).phone(1, 1).build())
                .admission();

        store.release(store.admit(phone, region, T0).grant());

        assertThat(store.admit(phone, region, T0.plusSeconds(1)).isGranted()).isTrue();
    }

    @Test
    void releasingTwiceGivesBackOnce() {
        AdmissionStore store = stores(TestLimits.defaults().countryHourly(2).build()).admission();
        Admission.Slot first = store.admit("a-" + phone, region, T0).grant();
        store.admit("b-" + phone, region, T0);

        store.release(first);
        store.release(first);

        assertThat(store.admit("c-" + phone, region, T0).isGranted()).isTrue();
        assertRefused(store.admit("d-" + phone, region, T0), EdgeLimit.COUNTRY_HOURLY, Duration.ofHours(1));
    }

    @Test
    void theCountryCapCountsEveryNumberOfTheRegionInMinuteSteps() {
        AdmissionStore store = stores(TestLimits.defaults().countryHourly(3).build()).admission();
        store.admit("a-" + phone, region, T0.plusSeconds(5));
        store.admit("b-" + phone, region, T0.plus(Duration.ofMinutes(10)));
        store.admit("c-" + phone, region, T0.plus(Duration.ofMinutes(20)));

        assertRefused(store.admit("d-" + phone, region, T0.plus(Duration.ofMinutes(30))), EdgeLimit.COUNTRY_HOURLY,
                Duration.ofMinutes(30));
        assertThat(store.admit("d-" + phone, "US", T0.plus(Duration.ofMinutes(30))).isGranted()).isTrue();
        assertThat(store.admit("d-" + phone, region, T0.plus(Duration.ofMinutes(60))).isGranted()).isTrue();
    }

    @Test
    void aCountryWithItsOwnCapGetsThatCap() {
        AdmissionStore store = stores(TestLimits.defaults().countryHourly(1).countryCap(region, 2).build()).admission();

        assertThat(store.admit("a-" + phone, region, T0).isGranted()).isTrue();
        assertThat(store.admit("b-" + phone, region, T0).isGranted()).isTrue();
        assertThat(store.admit("c-" + phone, region, T0).refusedBy()).isEqualTo(EdgeLimit.COUNTRY_HOURLY);
    }

    @Test
    void newNumbersUseOnlyTheirShareOfTheBudgetAndKnownNumbersTheRest() {
        Stores stores = stores(TestLimits.defaults().budget(10, 0.2).build());
        String known = "known-" + phone;
        WrongAnswers.Reservation login = stores.ledger().reserve(known, handle(), T0).grant();
        stores.ledger().accepted(login, Duration.ofDays(90));
        for (int i = 0; i < 8; i++) {
            assertThat(stores.admission().admit("new-" + i + "-" + phone, region, T0).isGranted()).isTrue();
        }

        assertRefused(stores.admission().admit("new-9-" + phone, region, T0), EdgeLimit.DAILY_BUDGET,
                Duration.ofHours(14));
        Verdict<Admission.Slot> knownStart = stores.admission().admit(known, region, T0);
        assertThat(knownStart.isGranted()).isTrue();
        assertThat(knownStart.grant().login()).isTrue();
        assertThat(stores.admission().admit(known, region, T0.plus(Duration.ofHours(1))).isGranted()).isTrue();
        assertRefused(stores.admission().admit(known, region, T0.plus(Duration.ofHours(2))), EdgeLimit.DAILY_BUDGET,
                Duration.ofHours(12));
    }

    @Test
    void theBudgetStartsAfreshAtUtcMidnight() {
        AdmissionStore store = stores(TestLimits.defaults().budget(2, 0.5).build()).admission();
        Instant lateEvening = Instant.parse("2026-11-24T23:59:59Z");
        store.admit("a-" + phone, region, lateEvening);

        assertRefused(store.admit("b-" + phone, region, lateEvening), EdgeLimit.DAILY_BUDGET, Duration.ofSeconds(1));
        assertThat(store.admit("b-" + phone, region, lateEvening.plusSeconds(1)).isGranted()).isTrue();
    }

    @Test
    void wrongAnswersCountAcrossReservationsUntilTheAllowanceThenForADay() {
        WrongAnswerLedger ledger = stores(TestLimits.defaults().wrongAnswers(3).build()).ledger();
        for (int i = 0; i < 3; i++) {
            assertThat(ledger.reserve(phone, handle(), T0.plus(Duration.ofHours(i))).isGranted()).isTrue();
        }

        assertRefused(ledger.reserve(phone, handle(), T0.plus(Duration.ofHours(3))), EdgeLimit.WRONG_ANSWERS, Duration.ofHours(21));
        assertThat(ledger.reserve(phone, handle(), T0.plus(Duration.ofHours(24))).isGranted()).isTrue();
    }

    @Test
    void aRightOrUnjudgedAnswerGivesItsPlaceBack() {
        WrongAnswerLedger ledger = stores(TestLimits.defaults().wrongAnswers(1).build()).ledger();

        ledger.giveBack(ledger.reserve(phone, handle(), T0).grant());
        ledger.accepted(ledger.reserve(phone, handle(), T0).grant(), Duration.ofDays(1));

        assertThat(ledger.reserve(phone, handle(), T0).isGranted()).isTrue();
        assertThat(ledger.reserve(phone, handle(), T0).isGranted()).isFalse();
    }

    @Test
    void aHandleAnswersOnceEvenWhenAnswersOnItAreCountedAgain() {
        WrongAnswerLedger ledger = stores(TestLimits.defaults().wrongAnswers(5).build()).ledger();

        Verdict<WrongAnswers.Reservation> first = ledger.reserve(phone, "handle-a", T0);
        Verdict<WrongAnswers.Reservation> again = ledger.reserve(phone, "handle-a", T0.plusSeconds(1));
        Verdict<WrongAnswers.Reservation> other = ledger.reserve(phone, "handle-b", T0.plusSeconds(2));

        assertThat(first.grant().answeredBefore()).isFalse();
        assertThat(again.grant().answeredBefore()).isTrue();
        assertThat(other.grant().answeredBefore()).isFalse();
        assertThat(ledger.reserve("other-" + phone, "handle-a", T0).grant().answeredBefore())
                .as("handles are remembered per number").isFalse();
    }

    @Test
    void anUnjudgedAnswerGivesItsHandleBackButARightOneDoesNot() {
        WrongAnswerLedger ledger = stores(TestLimits.defaults().wrongAnswers(5).build()).ledger();

        ledger.giveBack(ledger.reserve(phone, "unjudged", T0).grant());
        ledger.accepted(ledger.reserve(phone, "right", T0).grant(), Duration.ofDays(1));

        assertThat(ledger.reserve(phone, "unjudged", T0).grant().answeredBefore()).isFalse();
        assertThat(ledger.reserve(phone, "right", T0).grant().answeredBefore()).isTrue();
    }

    @Test
    void aGiveBackDoesNotFreeAHandleAnotherAnswerTook() {
        WrongAnswerLedger ledger = stores(TestLimits.defaults().wrongAnswers(5).build()).ledger();
        WrongAnswers.Reservation taker = ledger.reserve(phone, "handle", T0).grant();
        WrongAnswers.Reservation second = ledger.reserve(phone, "handle", T0).grant();

        ledger.giveBack(second);

        assertThat(taker.answeredBefore()).isFalse();
        assertThat(ledger.reserve(phone, "handle", T0).grant().answeredBefore()).isTrue();
    }

    @Test
    void aHandleIsForgottenWhenNoHandleCanLiveAnyLonger() {
        WrongAnswerLedger ledger = stores(TestLimits.defaults().wrongAnswers(5).build()).ledger();
        ledger.reserve(phone, "handle", T0);

        assertThat(ledger.reserve(phone, "handle", T0.plus(WrongAnswerLedger.HANDLE_MEMORY)).grant().answeredBefore())
                .isFalse();
    }

    @Test
    void aRefusedAnswerDoesNotUseItsHandle() {
        WrongAnswerLedger ledger = stores(TestLimits.defaults().wrongAnswers(1).build()).ledger();
        ledger.reserve(phone, "first", T0);

        assertThat(ledger.reserve(phone, "second", T0).isGranted()).isFalse();
        assertThat(ledger.reserve(phone, "second", T0.plus(Duration.ofHours(24))).grant().answeredBefore()).isFalse();
    }

    @Test
    void aNumberOutOfWrongAnswersGetsNoNewCodeEither() {
        Stores stores = stores(TestLimits.defaults().wrongAnswers(2).build());
        stores.ledger().reserve(phone, handle(), T0);
        stores.ledger().reserve(phone, handle(), T0.plusSeconds(60));

        assertRefused(stores.admission().admit(phone, region, T0.plusSeconds(120)), EdgeLimit.WRONG_ANSWERS,
                Duration.ofHours(24).minusSeconds(120));
    }

    @Test
    void aRightAnswerMakesTheNumberKnown() {
        Stores stores = stores(TestLimits.defaults().build());

        stores.ledger().accepted(stores.ledger().reserve(phone, handle(), T0).grant(), Duration.ofDays(90));

        assertThat(stores.admission().admit(phone, region, T0).grant().login()).isTrue();
    }

    @Test
    void parallelStartsForOneNumberNeverOvershootTheCap() throws Exception {
        AdmissionStore store = stores(TestLimits.defaults().cooldown(Duration.ZERO).phone(5, 10).build()).admission();

        List<Boolean> granted = inParallel(40, () -> store.admit(phone, region, T0).isGranted());

        assertThat(granted).filteredOn(Boolean::booleanValue).hasSize(5);
    }

    @Test
    void parallelAnswersForOneNumberNeverOvershootTheAllowance() throws Exception {
        WrongAnswerLedger ledger = stores(TestLimits.defaults().wrongAnswers(10).build()).ledger();

        List<Boolean> granted = inParallel(40, () -> ledger.reserve(phone, handle(), T0).isGranted());

        assertThat(granted).filteredOn(Boolean::booleanValue).hasSize(10);
    }

    @Test
    void anAddressGetsItsMinuteAllowanceThenOneRequestPerRefill() {
        ClientIpBuckets buckets = stores(TestLimits.defaults().perMinute(6).build()).clientIp();
        String address = "address-" + phone;
        for (int i = 0; i < 6; i++) {
            assertThat(buckets.take(address, T0).isGranted()).isTrue();
        }

        assertRefused(buckets.take(address, T0), EdgeLimit.CLIENT_IP, Duration.ofSeconds(10));
        assertThat(buckets.take("other-" + address, T0).isGranted()).isTrue();
        assertRefused(buckets.take(address, T0.plusMillis(9_999)), EdgeLimit.CLIENT_IP, Duration.ofMillis(1));
        assertThat(buckets.take(address, T0.plusSeconds(10)).isGranted()).isTrue();
        assertThat(buckets.take(address, T0.plusSeconds(10)).isGranted()).isFalse();
    }

    @Test
    void anIdleAddressIsBackToItsFullAllowanceAfterAMinute() {
        ClientIpBuckets buckets = stores(TestLimits.defaults().perMinute(3).build()).clientIp();
        String address = "address-" + phone;
        for (int i = 0; i < 3; i++) {
            buckets.take(address, T0);
        }

        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take(address, T0.plusSeconds(60)).isGranted()).isTrue();
        }
        assertThat(buckets.take(address, T0.plusSeconds(60)).isGranted()).isFalse();
    }

    private static void assertRefused(Verdict<?> verdict, EdgeLimit limit, Duration retryAfter) {
        assertThat(verdict.isGranted()).as("granted").isFalse();
        assertThat(verdict.refusedBy()).isEqualTo(limit);
        assertThat(verdict.retryAfter()).isEqualTo(retryAfter);
    }

    private static <T> List<T> inParallel(int calls, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<T>> futures = pool.invokeAll(java.util.Collections.nCopies(calls, call));
            List<T> results = new java.util.ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
