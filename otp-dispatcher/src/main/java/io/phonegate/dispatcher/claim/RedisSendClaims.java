package io.phonegate.dispatcher.claim;

import io.phonegate.common.store.AdmissionTicket;
import io.phonegate.dispatcher.report.DeliveryReports.Outcome;
import io.phonegate.dispatcher.store.LuaScripts;
import io.phonegate.dispatcher.store.StoreCalls;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@link SendClaims} in Redis: one hash per challenge ({@link ClaimKeys}), each decision one Lua
 * script ({@code META-INF/scripts/claim*.lua}), time from the caller's clock. The key lives until the
 * code expires plus {@code retention}. The claim reads the gateway's admitted starts of the number
 * (same hash slot as the claim), so a code is sent only while the gateway stands by its start.
 */
public final class RedisSendClaims implements SendClaims {

    private static final RedisScript<List> CLAIM = script("claim");
    private static final RedisScript<List> RENEW = script("claim-renew");
    private static final RedisScript<List> SETTLE = script("claim-settle");
    private static final RedisScript<Long> REPORTED = LuaScripts.load("claim-reported", Long.class);

    static final String ADMISSION_GONE = "withdrawn: the gateway no longer stands by this start (it failed after the "
            + "request was queued, so the client was not told a code is coming)";
    static final String NO_ADMISSION = "withdrawn: the request carries no admission from the gateway";
    static final String UNANSWERED = "withdrawn: the gateway never marked its start answered (it stopped before "
            + "its 202 left, so the client was not told a code is coming); the start is given back";

    private final StringRedisTemplate redis;
    private final boolean requireAdmission;
    private final Duration answerWindow;
    private final Duration lease;
    private final Duration retention;
    private final StoreCalls.Decision claimCalls;
    private final StoreCalls.Decision renewCalls;
    private final StoreCalls.Decision settleCalls;
    private final StoreCalls.Decision reportedCalls;

    /** Requests without an admission are sent, admitted ones without waiting for the answered mark: for tests of the claim rules alone. */
    public RedisSendClaims(StringRedisTemplate redis, StoreCalls calls, Duration lease, Duration retention) {
        this(redis, calls, lease, retention, false, Duration.ZERO);
    }

    /**
     * @param requireAdmission whether a request without the gateway's admission is withdrawn rather than
     *                         sent (on, except while gateways from before admissions still run)
     * @param answerWindow     how long after its admission a start may still be marked answered: its code
     *                         waits for the mark that long, then is withdrawn; zero sends without the mark
     *                         (only while gateways from before the mark still run)
     */
    public RedisSendClaims(StringRedisTemplate redis, StoreCalls calls, Duration lease, Duration retention,
                           boolean requireAdmission, Duration answerWindow) {
        this.redis = redis;
        this.requireAdmission = requireAdmission;
        this.answerWindow = answerWindow;
        this.lease = lease;
        this.retention = retention;
        this.claimCalls = calls.decision("claim");
        this.renewCalls = calls.decision("claim_renew");
        this.settleCalls = calls.decision("claim_settle");
        this.reportedCalls = calls.decision("claim_reported");
    }

    @Override
    public Claim claim(Holder holder, Instant now, Instant codeExpiresAt) {
        long ttl = Math.max(0, Duration.between(now, codeExpiresAt).toMillis()) + retention.toMillis();
        AdmissionTicket admission = holder.admission();
        List<String> keys = admission == null ? List.of(ClaimKeys.of(holder))
                : List.of(ClaimKeys.of(holder), admission.startsKey(), admission.answeredKey());
        return claimCalls.call(() -> {
            List<String> answer = run(CLAIM, keys, holder.eventId().toString(), holder.token(),
                    Long.toString(now.toEpochMilli()), Long.toString(lease.toMillis()), Long.toString(ttl),
                    admission == null ? "" : admission.slotId(), requireAdmission ? "1" : "0",
                    Long.toString(answerWindow.toMillis()));
            return switch (answer.get(0)) {
                case "send" -> new Claim.Send(Integer.parseInt(answer.get(1)), "1".equals(answer.get(2)));
                case "settled" -> new Claim.Settled(SettledOutcome.read(answer.get(1)));
                case "duplicate" -> new Claim.Duplicate("1".equals(answer.get(1)));
                case "reported" -> new Claim.Reported();
                case "withdrawn" -> new Claim.Withdrawn(switch (answer.get(1)) {
                    case "absent" -> ADMISSION_GONE;
                    case "unanswered" -> UNANSWERED;
                    default -> NO_ADMISSION;
                });
                case "unanswered" -> new Claim.Unanswered(Instant.ofEpochMilli(Long.parseLong(answer.get(1))));
                case "busy" -> new Claim.Busy(Instant.ofEpochMilli(Long.parseLong(answer.get(1))));
                default -> throw unexpected("claim", answer);
            };
        });
    }

    @Override
    public Renewal renew(Holder holder, Instant now) {
        return renewCalls.call(() -> {
            List<String> answer = run(RENEW, List.of(ClaimKeys.of(holder)), holder.eventId().toString(), holder.token(),
                    Long.toString(now.toEpochMilli()), Long.toString(lease.toMillis()));
            return switch (answer.get(0)) {
                case "go" -> new Renewal.Go(Integer.parseInt(answer.get(1)));
                case "settled" -> new Renewal.Settled(SettledOutcome.read(answer.get(1)));
                case "lost" -> new Renewal.Lost();
                default -> throw unexpected("claim-renew", answer);
            };
        });
    }

    @Override
    public Settlement settle(Holder holder, Outcome outcome) {
        return settleCalls.call(() -> {
            List<String> answer = run(SETTLE, List.of(ClaimKeys.of(holder)), holder.eventId().toString(), holder.token(), SettledOutcome.write(outcome));
            return switch (answer.get(0)) {
                case "publish" -> new Settlement.Publish(SettledOutcome.read(answer.get(1)));
                case "lost" -> new Settlement.Lost();
                default -> throw unexpected("claim-settle", answer);
            };
        });
    }

    @Override
    public void reported(Holder holder) {
        reportedCalls.call(() -> redis.execute(REPORTED, List.of(ClaimKeys.of(holder)), holder.eventId().toString()));
    }

    @SuppressWarnings("unchecked")
    private List<String> run(RedisScript<List> script, List<String> keys, String... args) {
        List<String> answer = redis.execute(script, keys, (Object[]) args);
        if (answer == null || answer.isEmpty()) {
            throw new IllegalStateException("empty answer");
        }
        return answer;
    }

    private static IllegalStateException unexpected(String script, List<String> answer) {
        return new IllegalStateException(script + " answered " + answer.get(0));
    }

    private static RedisScript<List> script(String name) {
        return LuaScripts.load(name, List.class);
    }
}
