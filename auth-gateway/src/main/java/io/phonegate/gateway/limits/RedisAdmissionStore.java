package io.phonegate.gateway.limits;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@link AdmissionStore} in Redis: {@code admission.lua} decides and counts a start in one call,
 * {@code admission_release.lua} gives it back, and a plain {@code SET} marks it answered. The script reads keys of several slots (the number's,
 * the country's, the day's budget), so it needs a single-primary Redis, not a cluster.
 */
final class RedisAdmissionStore implements AdmissionStore {

    private static final RedisScript<List<Object>> ADMIT = LuaScripts.load("admission");
    private static final RedisScript<List<Object>> RELEASE = LuaScripts.load("admission_release");

    private final StringRedisTemplate redis;
    private final LimitSettings settings;

    RedisAdmissionStore(StringRedisTemplate redis, LimitSettings settings) {
        this.redis = redis;
        this.settings = settings;
    }

    @Override
    public Verdict<Admission.Slot> admit(String subject, String region, Instant now) {
        long nowMs = now.toEpochMilli();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        long midnight = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        String id = SlotIds.next();
        List<Object> reply = redis.execute(ADMIT,
                List.of(StoreKeys.phoneStarts(subject), StoreKeys.wrongAnswers(subject), StoreKeys.verified(subject),
                        StoreKeys.country(region), StoreKeys.budget(day)),
                String.valueOf(nowMs), id, String.valueOf(settings.resendCooldown().toMillis()),
                String.valueOf(settings.phoneHourlyCap()), String.valueOf(settings.phoneDailyCap()),
                String.valueOf(settings.wrongAnswersPerDay()), String.valueOf(settings.countryHourlyCap(region)),
                String.valueOf(settings.dailyBudget()), String.valueOf(settings.newNumberBudget()),
                String.valueOf(midnight));
        String outcome = String.valueOf(reply.get(0));
        if ("ok".equals(outcome)) {
            return Verdict.granted(new Admission.Slot(subject, region, Instant.ofEpochMilli(nowMs), id,
                    "login".equals(String.valueOf(reply.get(1)))));
        }
        return Verdict.refused(EdgeLimit.ofTag(outcome), Duration.ofMillis(LuaScripts.number(reply.get(1))));
    }

    @Override
    public void release(Admission.Slot slot) {
        Instant at = slot.admittedAt();
        redis.execute(RELEASE,
                List.of(StoreKeys.phoneStarts(slot.subject()), StoreKeys.country(slot.region()),
                        StoreKeys.budget(LocalDate.ofInstant(at, ZoneOffset.UTC))),
                slot.id(), String.valueOf(Math.floorDiv(at.toEpochMilli(), 60_000L)), slot.login() ? "login" : "new");
    }

    @Override
    public void answered(Admission.Slot slot, Duration keep) {
        redis.opsForValue().set(StoreKeys.startAnswered(slot), "1", keep);
    }
}
