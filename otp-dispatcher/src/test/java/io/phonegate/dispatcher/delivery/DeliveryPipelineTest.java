package io.phonegate.dispatcher.delivery;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.phonegate.common.event.DeliveryOutcome;
import io.phonegate.common.event.OtpPurpose;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.dispatcher.DispatcherProperties;
import io.phonegate.dispatcher.Workers;
import io.phonegate.dispatcher.backstop.Backstop;
import io.phonegate.dispatcher.backstop.InMemoryNumberCap;
import io.phonegate.dispatcher.claim.Holder;
import io.phonegate.dispatcher.claim.InMemorySendClaims;
import io.phonegate.dispatcher.claim.SendClaims;
import io.phonegate.dispatcher.message.CodeMessages;
import io.phonegate.dispatcher.message.SmsTemplates;
import io.phonegate.dispatcher.metrics.DispatcherMetrics;
import io.phonegate.dispatcher.ratelimit.InMemorySendPacing;
import io.phonegate.dispatcher.report.DeliveryReports;
import io.phonegate.dispatcher.sms.SendResult;
import io.phonegate.dispatcher.sms.Sms;
import io.phonegate.dispatcher.sms.SmsSender;
import io.phonegate.dispatcher.store.StoreOutage;
import io.phonegate.dispatcher.store.StoreUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pipeline's rules (claims, timing, the store going away), with a scripted SMS sender, claims,
 * pacing and cap in memory and reports kept in memory. Kafka, Redis and SNS are tested elsewhere.
 */
class DeliveryPipelineTest {

    private static final CodeSeal SEAL = CodeSeal.fromConfig(CodeSeal.newKeyConfig("k"), "k");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Workers workers = new Workers(8);
    private final Map<UUID, DeliveryReports.Outcome> reports = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> reportsPerRequest = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> finishedPerRequest = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InMemorySendClaims memoryClaims = new InMemorySendClaims(Duration.ofSeconds(15), Duration.ofHours(1));
    private final AtomicBoolean storeDown = new AtomicBoolean();
    private final StoreOutage outage = new StoreOutage(() -> !storeDown.get(), workers, List.of());

    @AfterEach
    void stop() {
        workers.close();
    }

    @Test
    void throttlingIsRetriedUntilSent() {
        Queue<SendResult> script = new ConcurrentLinkedQueue<>(List.of(refused(SendResult.Failure.THROTTLED),
                refused(SendResult.Failure.TRANSIENT), new SendResult.Accepted("m-1")));
        DeliveryPipeline pipeline = pipeline(1, 100, sms -> script.poll());
        OtpRequested request = request(Duration.ofMinutes(1));

        accept(pipeline, request);

        assertThat(awaitReport(request)).isEqualTo(DeliveryReports.Outcome.sent(3, "m-1"));
        assertThat(meters.get("phonegate.sms.send.attempts").tag("result", "throttled").counter().count()).isEqualTo(1);
    }

    @Test
    void permanentRefusalIsNotRetried() {
        DeliveryPipeline pipeline = pipeline(1, 100, sms -> refused(SendResult.Failure.PERMANENT));
        OtpRequested request = request(Duration.ofMinutes(1));

        accept(pipeline, request);

        DeliveryReports.Outcome outcome = awaitReport(request);
        assertThat(outcome.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(calls).hasValue(1);
    }

    @Test
    void retriesStopAtExpiryWithTheAttemptsAndLastErrorInTheReason() {
        DeliveryPipeline pipeline = pipeline(1, 100, sms -> refused(SendResult.Failure.TRANSIENT));
        OtpRequested request = request(Duration.ofMillis(400));

        accept(pipeline, request);

        DeliveryReports.Outcome outcome = awaitReport(request);
        assertThat(outcome.outcome()).isEqualTo(DeliveryOutcome.EXPIRED);
        assertThat(outcome.attempts()).isGreaterThanOrEqualTo(1).isEqualTo(calls.get());
        assertThat(outcome.reason()).contains("retrying").contains("TestError");
    }

    @Test
    void waitForTheSendRatePastExpiryEndsExpiredWithoutASend() {
        DeliveryPipeline pipeline = pipeline(1, 0.5, sms -> new SendResult.Accepted("m"));
        OtpRequested first = request(Duration.ofMinutes(1));
        OtpRequested second = request(Duration.ofMillis(500));

        accept(pipeline, first);
        awaitReport(first);
        accept(pipeline, second);

        DeliveryReports.Outcome outcome = awaitReport(second);
        assertThat(outcome.outcome()).isEqualTo(DeliveryOutcome.EXPIRED);
        assertThat(outcome.attempts()).isZero();
        assertThat(calls).hasValue(1);
    }

    @Test
    void sendRateMakesLaterSendsWaitTheirTurn() {
        DeliveryPipeline pipeline = pipeline(4, 5, sms -> new SendResult.Accepted("m"));
        List<OtpRequested> requests = List.of(request(Duration.ofMinutes(1)), request(Duration.ofMinutes(1)),
                request(Duration.ofMinutes(1)), request(Duration.ofMinutes(1)), request(Duration.ofMinutes(1)));
        long started = System.nanoTime();

        requests.forEach(request -> accept(pipeline, request));
        requests.forEach(this::awaitReport);

        // Five sends at 5/s, one every 200 ms: the last goes 800 ms after the first.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(750));
        assertThat(reports.values()).extracting(DeliveryReports.Outcome::outcome).containsOnly(DeliveryOutcome.SENT);
    }

    @Test
    void sealedCodeThatCannotBeOpenedFailsWithoutASend() {
        DeliveryPipeline pipeline = pipeline(1, 100, sms -> new SendResult.Accepted("m"));
        OtpRequested request = request(Duration.ofMinutes(1));
        OtpRequested forOtherNumber = new OtpRequested(request.eventId(), request.occurredAt(),
                PhoneNumber.ofE164("+447911123456"), request.challengeId(), request.sealedCode(), request.purpose(),
                request.locale(), request.expiresAt());

        accept(pipeline, forOtherNumber);

        DeliveryReports.Outcome outcome = awaitReport(request);
        assertThat(outcome.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(outcome.reason()).contains("sealed code");
        assertThat(calls).hasValue(0);
    }

    @Test
    void unexpectedSenderFailureStillEndsInExactlyOneReport() {
        DeliveryPipeline pipeline = pipeline(1, 100, sms -> {
            throw new IllegalStateException("bug");
        });
        OtpRequested request = request(Duration.ofMinutes(1));

        accept(pipeline, request);

        assertThat(awaitReport(request).outcome()).isEqualTo(DeliveryOutcome.FAILED);
        await().atMost(WAIT).until(() -> finished(request) == 1);
        assertThat(reportCount(request)).isEqualTo(1);
        assertThat(pipeline.inFlight()).isZero();
    }

    @Test
    void slowNumberDoesNotHoldUpAnotherNumber() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        PhoneNumber slowPhone = PhoneNumber.ofE164("+919800000001");
        DeliveryPipeline pipeline = pipeline(4, 100, sms -> {
            if (sms.to().equals(slowPhone)) {
                hold(release);
            }
            return new SendResult.Accepted("m");
        });
        OtpRequested slow = request(slowPhone, Duration.ofMinutes(1));
        OtpRequested quick = request(Duration.ofMinutes(1));

        accept(pipeline, slow);
        accept(pipeline, quick);

        assertThat(awaitReport(quick).outcome()).isEqualTo(DeliveryOutcome.SENT);
        assertThat(reports).doesNotContainKey(slow.eventId());
        assertThat(pipeline.inFlight()).isEqualTo(1);
        release.countDown();
        assertThat(awaitReport(slow).outcome()).isEqualTo(DeliveryOutcome.SENT);
    }

    @Test
    void consumerWaitsWhileAllInFlightSlotsAreTaken() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        DeliveryPipeline pipeline = pipeline(1, 100, sms -> {
            hold(release);
            return new SendResult.Accepted("m");
        });
        accept(pipeline, request(Duration.ofMinutes(1)));
        CountDownLatch secondTaken = new CountDownLatch(1);
        Thread consumer = new Thread(() -> {
            accept(pipeline, request(Duration.ofMinutes(1)));
            secondTaken.countDown();
        });
        consumer.start();

        assertThat(secondTaken.await(300, TimeUnit.MILLISECONDS)).isFalse();
        release.countDown();
        assertThat(secondTaken.await(10, TimeUnit.SECONDS)).isTrue();
        consumer.join();
    }

    @Test
    void redeliveryOfAReportedRequestEndsWithoutAReportOrAnSms() {
        DeliveryPipeline pipeline = pipeline(2, 100, sms -> new SendResult.Accepted("m"));
        OtpRequested request = request(Duration.ofMinutes(1));
        accept(pipeline, request);
        awaitReport(request);
        await().atMost(WAIT).until(() -> finished(request) == 1);

        accept(pipeline, request);

        await().atMost(WAIT).until(() -> finished(request) == 2);
        assertThat(reportCount(request)).isEqualTo(1);
        assertThat(calls).hasValue(1);
        assertThat(meters.get("phonegate.otp.claims").tag("result", "reported").counter().count()).isEqualTo(1);
    }

    @Test
    void redeliveryWhileTheFirstDeliveryIsSendingWaitsForItAndReportsNothingMore() {
        CountDownLatch release = new CountDownLatch(1);
        DeliveryPipeline pipeline = pipeline(2, 100, sms -> {
            hold(release);
            return new SendResult.Accepted("m");
        });
        OtpRequested request = request(Duration.ofMinutes(1));
        accept(pipeline, request);
        await().atMost(WAIT).until(() -> calls.get() == 1);

        accept(pipeline, request);
        await().atMost(WAIT).until(() -> meters.get("phonegate.otp.claims").tag("result", "busy").counter().count() >= 1);
        release.countDown();

        await().atMost(WAIT).until(() -> finished(request) == 2);
        assertThat(reportCount(request)).isEqualTo(1);
        assertThat(calls).hasValue(1);
    }

    @Test
    void anotherEventForTheSameChallengeIsReportedDuplicateWithoutAnSms() {
        DeliveryPipeline pipeline = pipeline(2, 100, sms -> new SendResult.Accepted("m"));
        OtpRequested request = request(Duration.ofMinutes(1));
        OtpRequested republished = new OtpRequested(UUID.randomUUID(), request.occurredAt(), request.phone(),
                request.challengeId(), request.sealedCode(), request.purpose(), request.locale(), request.expiresAt());

        accept(pipeline, request);
        awaitReport(request);
        accept(pipeline, republished);

        assertThat(awaitReport(republished).outcome()).isEqualTo(DeliveryOutcome.DUPLICATE);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aDeliveryWhoseHolderDiedIsTakenOverAndSentOnce() {
        OtpRequested request = request(Duration.ofMinutes(1));
        Holder dead = Holder.newFor(request);
        Instant longAgo = Instant.now().minus(Duration.ofSeconds(20));
        memoryClaims.claim(dead, longAgo, request.expiresAt());
        memoryClaims.renew(dead, longAgo);
        DeliveryPipeline pipeline = pipeline(1, 100, sms -> new SendResult.Accepted("m"));

        accept(pipeline, request);

        DeliveryReports.Outcome outcome = awaitReport(request);
        assertThat(outcome.outcome()).isEqualTo(DeliveryOutcome.SENT);
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(meters.get("phonegate.otp.claims").tag("result", "taken_over").counter().count()).isEqualTo(1);
    }

    @Test
    void anOutcomeSettledByAHolderThatDiedIsPublishedWithoutAnSms() {
        OtpRequested request = request(Duration.ofMinutes(1));
        Holder dead = Holder.newFor(request);
        Instant longAgo = Instant.now().minus(Duration.ofSeconds(20));
        memoryClaims.claim(dead, longAgo, request.expiresAt());
        memoryClaims.renew(dead, longAgo);
        memoryClaims.settle(dead, DeliveryReports.Outcome.sent(1, "m-dead"));
        DeliveryPipeline pipeline = pipeline(1, 100, sms -> new SendResult.Accepted("m"));

        accept(pipeline, request);

        assertThat(awaitReport(request)).isEqualTo(DeliveryReports.Outcome.sent(1, "m-dead"));
        assertThat(calls).hasValue(0);
    }

    @Test
    void anOutcomeSettledAndPublishedByAHolderThatDiedBeforeNotingItIsNotPublishedAgain() {
        OtpRequested request = request(Duration.ofMinutes(1));
        Holder dead = Holder.newFor(request);
        Instant longAgo = Instant.now().minus(Duration.ofSeconds(20));
        memoryClaims.claim(dead, longAgo, request.expiresAt());
        memoryClaims.settle(dead, DeliveryReports.Outcome.sent(1, "m-dead"));
        reports.put(request.eventId(), DeliveryReports.Outcome.sent(1, "m-dead"));
        DeliveryPipeline pipeline = pipeline(1, 100, sms -> new SendResult.Accepted("m"));

        accept(pipeline, request);

        await().atMost(WAIT).until(() -> finished(request) == 1);
        assertThat(reportCount(request)).isZero();
        assertThat(calls).hasValue(0);
        awaitNotedReported(request);
    }

    @Test
    void backstopRefusalIsReportedAndCounted() {
        DeliveryPipeline pipeline = pipeline(1, 100, sms -> new SendResult.Accepted("m"));
        OtpRequested toUs = request(PhoneNumber.ofE164("+12015550123"), Duration.ofMinutes(1));

        accept(pipeline, toUs);

        DeliveryReports.Outcome outcome = awaitReport(toUs);
        assertThat(outcome.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(outcome.reason()).startsWith("backstop: ");
        assertThat(calls).hasValue(0);
        assertThat(meters.get("phonegate.otp.backstop.refusals").tag("reason", "country").counter().count()).isEqualTo(1);
    }

    @Test
    void nothingIsSentOrReportedWhileTheStoreIsAwayAndAllGoesOnWhenItIsBack() {
        storeDown.set(true);
        DeliveryPipeline pipeline = pipeline(4, 100, sms -> new SendResult.Accepted("m"));
        OtpRequested request = request(Duration.ofMinutes(1));

        accept(pipeline, request);
        await().atMost(WAIT).until(() -> outage.waiting() == 1);
        assertThat(calls).hasValue(0);
        assertThat(reports).isEmpty();
        assertThat(finished(request)).isZero();
        assertThat(pipeline.inFlight()).isEqualTo(1);

        storeDown.set(false);
        assertThat(awaitReport(request).outcome()).isEqualTo(DeliveryOutcome.SENT);
        await().atMost(WAIT).until(() -> finished(request) == 1);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aCodeThatExpiredWhileTheStoreWasAwayIsReportedExpiredThroughItsClaim() {
        storeDown.set(true);
        DeliveryPipeline pipeline = pipeline(4, 100, sms -> new SendResult.Accepted("m"));
        OtpRequested request = request(Duration.ofMillis(300));

        accept(pipeline, request);
        await().atMost(WAIT).until(() -> outage.waiting() == 1 && Instant.now().isAfter(request.expiresAt()));
        assertThat(reports).isEmpty();

        storeDown.set(false);
        DeliveryReports.Outcome outcome = awaitReport(request);
        assertThat(outcome.outcome()).isEqualTo(DeliveryOutcome.EXPIRED);
        assertThat(calls).hasValue(0);
        awaitNotedReported(request);
    }

    @Test
    void theStoreGoingAwayBetweenTheSendAndItsSettlementNeverSendsTwice() {
        AtomicBoolean failSettle = new AtomicBoolean(true);
        DeliveryPipeline pipeline = pipeline(1, 100, sms -> {
            storeDown.set(true);
            return new SendResult.Accepted("m-1");
        }, claims -> new FailingSettle(claims, failSettle));
        OtpRequested request = request(Duration.ofMinutes(1));

        accept(pipeline, request);
        await().atMost(WAIT).until(() -> outage.waiting() == 1);
        failSettle.set(false);
        storeDown.set(false);

        assertThat(awaitReport(request)).isEqualTo(DeliveryReports.Outcome.sent(1, "m-1"));
        assertThat(calls).hasValue(1);
    }

    private DeliveryPipeline pipeline(int maxInFlight, double perSecond, Function<Sms, SendResult> sender) {
        return pipeline(maxInFlight, perSecond, sender, claims -> claims);
    }

    private DeliveryPipeline pipeline(int maxInFlight, double perSecond, Function<Sms, SendResult> sender,
                                      Function<SendClaims, SendClaims> wrap) {
        SmsSender counting = sms -> {
            calls.incrementAndGet();
            return sender.apply(sms);
        };
        DeliveryReports memory = (request, outcome, published) -> {
            reports.put(request.eventId(), outcome);
            reportsPerRequest.computeIfAbsent(request.eventId(), id -> new AtomicInteger()).incrementAndGet();
            published.run();
        };
        DispatcherProperties.Backstop backstop = new DispatcherProperties.Backstop(Set.of("IN", "GB"), 50);
        DeliveryParts parts = new DeliveryParts(wrap.apply(new StoreThatCanBeAway(memoryClaims)),
                InMemorySendPacing.of(new DispatcherProperties.Pacing(perSecond, 1)),
                new Backstop(backstop, new InMemoryNumberCap(50)), new CodeMessages(SEAL, new SmsTemplates("localhost", null)),
                counting, memory, (request, since) -> reports.containsKey(request.eventId()), new DispatcherMetrics(meters), outage,
                Backoff.jittered(new DispatcherProperties.Retry(Duration.ofMillis(40), Duration.ofMillis(100), 2.0)),
                workers, Clock.systemUTC());
        return new DeliveryPipeline(maxInFlight, parts);
    }

    /** The claim notes the report just after the delivery let its offset go. */
    private void awaitNotedReported(OtpRequested request) {
        await().atMost(WAIT).until(() -> memoryClaims.claim(Holder.newFor(request), Instant.now(), request.expiresAt())
                .equals(new SendClaims.Claim.Reported()));
    }

    private DeliveryReports.Outcome awaitReport(OtpRequested request) {
        await().atMost(WAIT).until(() -> reports.containsKey(request.eventId()));
        return reports.get(request.eventId());
    }

    private int reportCount(OtpRequested request) {
        return reportsPerRequest.getOrDefault(request.eventId(), new AtomicInteger()).get();
    }

    private int finished(OtpRequested request) {
        return finishedPerRequest.getOrDefault(request.eventId(), new AtomicInteger()).get();
    }

    private void accept(DeliveryPipeline pipeline, OtpRequested request) {
        try {
            pipeline.accept(request, () -> finishedPerRequest.computeIfAbsent(request.eventId(), id -> new AtomicInteger())
                    .incrementAndGet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SendResult refused(SendResult.Failure failure) {
        return new SendResult.Refused(failure, "TestError");
    }

    private static OtpRequested request(Duration expiresIn) {
        return request(PhoneNumber.ofE164("+9198" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000))), expiresIn);
    }

    private static OtpRequested request(PhoneNumber phone, Duration expiresIn) {
        Instant now = Instant.now();
        return new OtpRequested(UUID.randomUUID(), now, phone, "c" + UUID.randomUUID().toString().substring(0, 8),
                SEAL.seal("123456", phone.e164()), OtpPurpose.LOGIN, "en", now.plus(expiresIn));
    }

    /** The memory claims, refusing every call as an unreachable store would while {@link #storeDown} is set. */
    private final class StoreThatCanBeAway implements SendClaims {

        private final SendClaims claims;

        StoreThatCanBeAway(SendClaims claims) {
            this.claims = claims;
        }

        @Override
        public Claim claim(Holder holder, Instant now, Instant codeExpiresAt) {
            check("claim");
            return claims.claim(holder, now, codeExpiresAt);
        }

        @Override
        public Renewal renew(Holder holder, Instant now) {
            check("claim_renew");
            return claims.renew(holder, now);
        }

        @Override
        public Settlement settle(Holder holder, DeliveryReports.Outcome outcome) {
            check("claim_settle");
            return claims.settle(holder, outcome);
        }

        @Override
        public void reported(Holder holder) {
            check("claim_reported");
            claims.reported(holder);
        }

        private void check(String decision) {
            if (storeDown.get()) {
                throw new StoreUnavailableException(decision, new IllegalStateException("connection refused"));
            }
        }
    }

    /** Settling fails while {@code failing} is set, as when the store goes away right after SNS answered. */
    private record FailingSettle(SendClaims claims, AtomicBoolean failing) implements SendClaims {

        @Override
        public Claim claim(Holder holder, Instant now, Instant codeExpiresAt) {
            return claims.claim(holder, now, codeExpiresAt);
        }

        @Override
        public Renewal renew(Holder holder, Instant now) {
            return claims.renew(holder, now);
        }

        @Override
        public Settlement settle(Holder holder, DeliveryReports.Outcome outcome) {
            if (failing.get()) {
                throw new StoreUnavailableException("claim_settle", new IllegalStateException("timeout"));
            }
            return claims.settle(holder, outcome);
        }

        @Override
        public void reported(Holder holder) {
            claims.reported(holder);
        }
    }
}
