package io.phonegate.dispatcher.delivery;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.phonegate.common.event.DeliveryOutcome;
import io.phonegate.common.event.OtpPurpose;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.dispatcher.DispatcherProperties;
import io.phonegate.dispatcher.Workers;
import io.phonegate.dispatcher.message.CodeMessages;
import io.phonegate.dispatcher.message.SmsTemplates;
import io.phonegate.dispatcher.metrics.DispatcherMetrics;
import io.phonegate.dispatcher.ratelimit.SendAdmission;
import io.phonegate.dispatcher.ratelimit.SendRate;
import io.phonegate.dispatcher.report.DeliveryReports;
import io.phonegate.dispatcher.sms.SendResult;
import io.phonegate.dispatcher.sms.Sms;
import io.phonegate.dispatcher.sms.SmsSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The pipeline's timing rules, with a scripted SMS sender and reports kept in memory (Kafka and SNS are tested elsewhere). */
class DeliveryPipelineTest {

    private static final CodeSeal SEAL = CodeSeal.fromConfig(CodeSeal.newKeyConfig("k"), "k");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Workers workers = new Workers(8);
    private final Map<UUID, DeliveryReports.Outcome> reports = new ConcurrentHashMap<>();
    private final AtomicInteger reportCount = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

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
                request(Duration.ofMinutes(1)), request(Duration.ofMinutes(1)), request(Duration.ofMinutes(1)),
                request(Duration.ofMinutes(1)), request(Duration.ofMinutes(1)));
        long started = System.nanoTime();

        requests.forEach(request -> accept(pipeline, request));
        requests.forEach(this::awaitReport);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
        assertThat(reports.values()).extracting(DeliveryReports.Outcome::outcome).containsOnly(DeliveryOutcome.SENT);
    }

    @Test
    void sealedCodeThatCannotBeOpenedFailsWithoutASend() {
        DeliveryPipeline pipeline = pipeline(1, 100, sms -> new SendResult.Accepted("m"));
        OtpRequested request = request(Duration.ofMinutes(1));
        OtpRequested forOtherNumber = new OtpRequested(request.eventId(), request.occurredAt(),
                PhoneNumber.ofE164("+14155550100"), request.challengeId(), request.sealedCode(), request.purpose(),
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
        await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> reportCount.get() == 1);
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

    private DeliveryPipeline pipeline(int maxInFlight, double perSecond, Function<Sms, SendResult> sender) {
        DispatcherProperties properties = new DispatcherProperties("localhost", null, null, maxInFlight, 1000,
                new DispatcherProperties.Limits(100, Duration.ofMinutes(10), 100, 100, 10_000, Map.of(), perSecond, 50_000),
                new DispatcherProperties.Retry(Duration.ofMillis(40), Duration.ofMillis(100), 2.0));
        SmsSender counting = sms -> {
            calls.incrementAndGet();
            return sender.apply(sms);
        };
        DeliveryReports memory = (request, outcome, published) -> {
            reports.put(request.eventId(), outcome);
            reportCount.incrementAndGet();
            published.run();
        };
        return new DeliveryPipeline(properties, new SendAdmission(properties.limits()), SendRate.perSecond(perSecond),
                new CodeMessages(SEAL, new SmsTemplates("localhost")), counting, memory, new DispatcherMetrics(meters),
                workers, Clock.systemUTC());
    }

    private DeliveryReports.Outcome awaitReport(OtpRequested request) {
        await().atMost(WAIT).until(() -> reports.containsKey(request.eventId()));
        return reports.get(request.eventId());
    }

    private static void accept(DeliveryPipeline pipeline, OtpRequested request) {
        try {
            pipeline.accept(request, () -> { });
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
        return request(PhoneNumber.ofE164("+9198" + (10_000_000 + (int) (Math.random() * 89_999_999))), expiresIn);
    }

    private static OtpRequested request(PhoneNumber phone, Duration expiresIn) {
        Instant now = Instant.now();
        return new OtpRequested(UUID.randomUUID(), now, phone, "c", SEAL.seal("123456", phone.e164()),
                OtpPurpose.LOGIN, "en", now.plus(expiresIn));
    }
}
