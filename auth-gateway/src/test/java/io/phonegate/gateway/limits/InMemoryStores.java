package io.phonegate.gateway.limits;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The limits' rules in this JVM's memory, behind the same interfaces as the Redis stores: what the
 * contract suite holds both to. One lock for all, as one Redis runs one script at a time. Not for
 * production: counts live in one process only.
 */
final class InMemoryStores implements AdmissionStore, WrongAnswerLedger, ClientIpBuckets {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;
    private static final long DAY = 86_400_000;

    private record Mark(long at, String id) {
    }

    private record Answered(long until, String reservationId) {
    }

    private final LimitSettings settings;
    private final Map<String, List<Mark>> starts = new HashMap<>();
    private final Map<String, List<Mark>> wrong = new HashMap<>();
    private final Map<String, Instant> verifiedUntil = new HashMap<>();
    private final Map<String, Answered> answeredHandles = new HashMap<>();
    /** Starts marked answered: only the dispatcher reads them, so here they are only kept. */
    private final Set<String> answeredSlots = new HashSet<>();
    private final Map<String, TreeMap<Long, Long>> countries = new HashMap<>();
    private final Map<LocalDate, Map<String, Long>> budgets = new HashMap<>();
    private final Map<String, Double> arrivals = new HashMap<>();
    private Instant lastSeen = Instant.EPOCH;

    InMemoryStores(LimitSettings settings) {
        this.settings = settings;
    }

    @Override
    public synchronized Verdict<Admission.Slot> admit(String subject, String region, Instant at) {
        lastSeen = at;
        long now = at.toEpochMilli();
        Refusal refusal = new Refusal();
        List<Mark> phone = trimmed(starts, subject, now);
        if (!phone.isEmpty()) {
            long last = phone.get(phone.size() - 1).at();
            if (now < last + settings.resendCooldown().toMillis()) {
                refusal.offer(EdgeLimit.PHONE_COOLDOWN, last + settings.resendCooldown().toMillis() - now);
            }
            List<Mark> hour = phone.stream().filter(mark -> mark.at() > now - HOUR).toList();
            if (hour.size() >= settings.phoneHourlyCap()) {
                refusal.offer(EdgeLimit.PHONE_HOURLY, hour.get(hour.size() - settings.phoneHourlyCap()).at() + HOUR - now);
            }
            if (phone.size() >= settings.phoneDailyCap()) {
                refusal.offer(EdgeLimit.PHONE_DAILY, phone.get(phone.size() - settings.phoneDailyCap()).at() + DAY - now);
            }
        }
        List<Mark> answers = trimmed(wrong, subject, now);
        if (answers.size() >= settings.wrongAnswersPerDay()) {
            refusal.offer(EdgeLimit.WRONG_ANSWERS, answers.get(answers.size() - settings.wrongAnswersPerDay()).at() + DAY - now);
        }
        long minute = Math.floorDiv(now, MINUTE);
        TreeMap<Long, Long> buckets = countries.computeIfAbsent(region, key -> new TreeMap<>());
        buckets.headMap(minute - 60, true).clear();
        long inHour = buckets.values().stream().mapToLong(Long::longValue).sum();
        int countryCap = settings.countryHourlyCap(region);
        if (inHour >= countryCap) {
            long mustLeave = inHour - countryCap + 1;
            long left = 0;
            for (Map.Entry<Long, Long> bucket : buckets.entrySet()) {
                left += bucket.getValue();
                if (left >= mustLeave) {
                    refusal.offer(EdgeLimit.COUNTRY_HOURLY, (bucket.getKey() + 60) * MINUTE - now);
                    break;
                }
            }
        }
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        long midnight = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        Instant marker = verifiedUntil.get(subject);
        boolean login = marker != null && at.isBefore(marker);
        Map<String, Long> budget = budgets.computeIfAbsent(day, key -> new HashMap<>());
        long usedNew = budget.getOrDefault("new", 0L);
        long usedLogin = budget.getOrDefault("login", 0L);
        if (usedNew + usedLogin >= settings.dailyBudget() || (!login && usedNew >= settings.newNumberBudget())) {
            refusal.offer(EdgeLimit.DAILY_BUDGET, midnight - now);
        }
        if (refusal.limit != null) {
            return Verdict.refused(refusal.limit, Duration.ofMillis(refusal.wait));
        }
        String id = SlotIds.next();
        phone.add(new Mark(now, id));
        buckets.merge(minute, 1L, Long::sum);
        budget.merge(login ? "login" : "new", 1L, Long::sum);
        return Verdict.granted(new Admission.Slot(subject, region, Instant.ofEpochMilli(now), id, login));
    }

    @Override
    public synchronized void release(Admission.Slot slot) {
        List<Mark> phone = starts.get(slot.subject());
        if (phone == null || !phone.removeIf(mark -> mark.id().equals(slot.id()))) {
            return;
        }
        TreeMap<Long, Long> buckets = countries.get(slot.region());
        long minute = Math.floorDiv(slot.admittedAt().toEpochMilli(), MINUTE);
        if (buckets != null && buckets.containsKey(minute)) {
            buckets.merge(minute, -1L, Long::sum);
        }
        Map<String, Long> budget = budgets.get(LocalDate.ofInstant(slot.admittedAt(), ZoneOffset.UTC));
        String kind = slot.login() ? "login" : "new";
        if (budget != null && budget.containsKey(kind)) {
            budget.merge(kind, -1L, Long::sum);
        }
    }

    @Override
    public synchronized void answered(Admission.Slot slot, Duration keep) {
        answeredSlots.add(slot.id());
    }

    @Override
    public synchronized Verdict<WrongAnswers.Reservation> reserve(String subject, String handleId, Instant at) {
        lastSeen = at;
        long now = at.toEpochMilli();
        List<Mark> answers = trimmed(wrong, subject, now);
        int cap = settings.wrongAnswersPerDay();
        if (answers.size() >= cap) {
            return Verdict.refused(EdgeLimit.WRONG_ANSWERS,
                    Duration.ofMillis(answers.get(answers.size() - cap).at() + DAY - now));
        }
        String id = SlotIds.next();
        answers.add(new Mark(now, id));
        String handle = subject + "/" + handleId;
        Answered answered = answeredHandles.get(handle);
        boolean before = answered != null && answered.until() > now;
        if (!before) {
            answeredHandles.put(handle, new Answered(now + HANDLE_MEMORY.toMillis(), id));
        }
        return Verdict.granted(new WrongAnswers.Reservation(subject, id, handleId, before));
    }

    @Override
    public synchronized void accepted(WrongAnswers.Reservation reservation, Duration remember) {
        removeAnswer(reservation);
        verifiedUntil.put(reservation.subject(), lastSeen.plus(remember));
    }

    @Override
    public synchronized void giveBack(WrongAnswers.Reservation reservation) {
        removeAnswer(reservation);
        answeredHandles.computeIfPresent(reservation.subject() + "/" + reservation.handleId(),
                (handle, answered) -> answered.reservationId().equals(reservation.id()) ? null : answered);
    }

    private void removeAnswer(WrongAnswers.Reservation reservation) {
        List<Mark> answers = wrong.get(reservation.subject());
        if (answers != null) {
            answers.removeIf(mark -> mark.id().equals(reservation.id()));
        }
    }

    @Override
    public synchronized Verdict<Boolean> take(String addressSubject, Instant at) {
        double now = at.toEpochMilli();
        double period = MINUTE;
        double interval = period / settings.clientIpRequestsPerMinute();
        double tolerance = period - interval;
        double tat = Math.max(arrivals.getOrDefault(addressSubject, now), now);
        if (tat - now > tolerance) {
            return Verdict.refused(EdgeLimit.CLIENT_IP, Duration.ofMillis((long) Math.ceil(tat - now - tolerance)));
        }
        arrivals.put(addressSubject, tat + interval);
        return Verdict.granted(Boolean.TRUE);
    }

    private static List<Mark> trimmed(Map<String, List<Mark>> marks, String subject, long now) {
        List<Mark> list = marks.computeIfAbsent(subject, key -> new ArrayList<>());
        list.removeIf(mark -> mark.at() <= now - DAY);
        return list;
    }

    /** The refusing limit that lasts longest, as the script picks it. */
    private static final class Refusal {
        EdgeLimit limit;
        long wait = -1;

        void offer(EdgeLimit candidate, long ms) {
            if (ms > wait) {
                limit = candidate;
                wait = ms;
            }
        }
    }
}
