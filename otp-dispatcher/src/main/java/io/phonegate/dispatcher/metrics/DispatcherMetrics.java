package io.phonegate.dispatcher.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.phonegate.common.event.DeliveryOutcome;
import io.phonegate.common.event.Topics;
import io.phonegate.dispatcher.backstop.BackstopRefusal;
import io.phonegate.dispatcher.sms.SendResult;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The dispatcher's meters, named as {@code docs/observability.md} lists them. Every label value
 * is registered up front so dashboards and alerts see zeros rather than gaps. No label ever
 * holds a phone number or a code.
 */
public final class DispatcherMetrics {

    /**
     * {@code claimed} (a fresh request), {@code taken_over} (from a holder that stopped renewing,
     * perhaps after reaching SNS), {@code busy} (another delivery holds it: asked again later),
     * {@code unanswered} (the gateway has not yet marked its start answered: asked again soon),
     * {@code settled} (an earlier holder's outcome published), {@code duplicate} (another request
     * of the challenge owns its SMS), {@code reported} (a redelivery of a reported request),
     * {@code lost} (another delivery took it over before this one sent), {@code withdrawn} (the
     * gateway no longer stands by the start, never marked it answered, or the request has no
     * admission: reported unsent).
     */
    public static final List<String> CLAIM_RESULTS =
            List.of("claimed", "taken_over", "busy", "unanswered", "settled", "duplicate", "reported", "lost", "withdrawn");

    private final MeterRegistry registry;
    private final Map<DeliveryOutcome, Counter> deliveries = new EnumMap<>(DeliveryOutcome.class);
    private final Map<BackstopRefusal, Counter> backstopRefusals = new EnumMap<>(BackstopRefusal.class);
    private final Map<String, Counter> claims = new ConcurrentHashMap<>();
    private final Map<String, Counter> attempts = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Timer latency;

    public DispatcherMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (DeliveryOutcome outcome : DeliveryOutcome.values()) {
            deliveries.put(outcome, Counter.builder("phonegate.otp.delivery")
                    .description("OtpRequested handled, one per request, by the outcome reported")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        for (BackstopRefusal refusal : BackstopRefusal.values()) {
            backstopRefusals.put(refusal, Counter.builder("phonegate.otp.backstop.refusals")
                    .description("Codes the backstop refused although the gateway admits nothing like them: should never happen")
                    .tag("reason", refusal.tag()).register(registry));
        }
        for (String result : CLAIM_RESULTS) {
            claims.put(result, Counter.builder("phonegate.otp.claims")
                    .description("What claiming a request in the store came to").tag("result", result).register(registry));
        }
        attempt("success");
        for (SendResult.Failure failure : SendResult.Failure.values()) {
            attempt(failure.tag());
        }
        deadLettered(Topics.OTP_REQUESTED, 0);
        latency = Timer.builder("phonegate.otp.delivery.latency")
                .description("From the request's occurredAt to SNS accepting the SMS")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(15))
                .register(registry);
    }

    public void delivered(DeliveryOutcome outcome) {
        deliveries.get(outcome).increment();
    }

    public void backstopRefused(BackstopRefusal refusal) {
        backstopRefusals.get(refusal).increment();
    }

    /** @param result one of {@link #CLAIM_RESULTS} */
    public void claim(String result) {
        Counter counter = claims.get(result);
        if (counter == null) {
            throw new IllegalArgumentException("not a claim result: " + result);
        }
        counter.increment();
    }

    /** @param result {@code success}, or a {@link SendResult.Failure#tag()} */
    public void sendAttempt(String result) {
        attempt(result).increment();
    }

    public void deliveryLatency(Duration sinceRequested) {
        latency.record(sinceRequested.isNegative() ? Duration.ZERO : sinceRequested);
    }

    /** @param topic the topic the record came from */
    public void deadLettered(String topic) {
        deadLettered(topic, 1);
    }

    /** Registers the in-flight gauge once the pipeline that knows the number exists. */
    public void inFlight(Supplier<Number> sendsUnderWay) {
        Gauge.builder("phonegate.sms.in.flight", sendsUnderWay).description("Deliveries under way now").register(registry);
    }

    private void deadLettered(String topic, int count) {
        deadLetters.computeIfAbsent(topic, t -> Counter.builder("phonegate.dead.letters")
                .description("Records sent to a dead-letter topic, by the topic they came from")
                .tag("topic", t).register(registry)).increment(count);
    }

    private Counter attempt(String result) {
        return attempts.computeIfAbsent(result, r -> Counter.builder("phonegate.sms.send.attempts")
                .description("SNS Publish calls by result").tag("result", r).register(registry));
    }
}
