package io.phonegate.dispatcher.report;

import io.phonegate.common.event.DeliveryOutcome;
import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.OtpDeliveryReported;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.dispatcher.Workers;
import io.phonegate.dispatcher.metrics.DispatcherMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.phonegate.common.event.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link DeliveryReports} on Kafka: publishes the one {@link OtpDeliveryReported} of each request
 * on {@code phonegate.otp.delivery} with an idempotent {@code acks=all} producer, waits for the
 * broker's acknowledgement, and only then lets the request's offset be committed. A failed publish is
 * retried until it succeeds or the dispatcher stops (then the request is redelivered to whoever owns its
 * partition next). A plain producer rather than an output binding: a binding's channel, function
 * wrapper and per-message observation cost ~7 % of the dispatcher's CPU at 200 starts/s, for a record
 * whose bytes and headers are already made ({@link EventCodec}).
 *
 * <p>A report's event id is derived from its request's ({@link #reportId}): should the same report
 * ever be published twice (a crash between the broker's acknowledgement and the claim noting it),
 * both copies carry one id, and a reader drops the second as it drops any redelivered event.
 */
public final class KafkaDeliveryReports implements DeliveryReports {

    /** The CloudEvents {@code ce_source} of the reports. */
    static final String SOURCE = "/phonegate/otp-dispatcher";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaDeliveryReports.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(15);
    private final Producer<String, byte[]> producer;
    private final Duration sendTimeout;
    private final EventCodec codec;
    private final DispatcherMetrics metrics;
    private final Workers workers;
    private final Clock clock;

    /**
     * @param sendTimeout how long one publish waits for its outcome: longer than the producer's own
     *                    {@code delivery.timeout.ms}, so a publish is tried again only once the producer has given
     *                    it up (a shorter wait would send a second copy while the first may still land)
     */
    public KafkaDeliveryReports(Producer<String, byte[]> producer, Duration sendTimeout, EventCodec codec,
                                DispatcherMetrics metrics, Workers workers, Clock clock) {
        this.producer = producer;
        this.sendTimeout = sendTimeout;
        this.codec = codec;
        this.metrics = metrics;
        this.workers = workers;
        this.clock = clock;
    }

    /** Publishes on the calling thread; a failed publish is retried later, on a worker. */
    @Override
    public void report(OtpRequested request, Outcome outcome, Runnable published) {
        OtpDeliveryReported report = new OtpDeliveryReported(reportId(request), clock.instant(), request.eventId(),
                request.phone(), request.challengeId(), outcome.outcome(), outcome.attempts(), outcome.providerMessageId(),
                outcome.reason());
        publish(report, published, FIRST_RETRY);
    }

    /** The one event id of a request's report: a name-based UUID of the request's own id. */
    public static UUID reportId(OtpRequested request) {
        return UUID.nameUUIDFromBytes(("phonegate.otp.delivery/" + request.eventId()).getBytes(StandardCharsets.UTF_8));
    }

    private void publish(OtpDeliveryReported report, Runnable published, Duration nextRetry) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.OTP_DELIVERY, report.partitionKey(),
                codec.toJson(report));
        codec.headers(report, SOURCE).forEach(record.headers()::add);
        try {
            producer.send(record).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // Stopping: the offset stays uncommitted, so the request is redelivered and reported by its next owner.
            Thread.currentThread().interrupt();
            retryLater(report, published, nextRetry, e);
            return;
        } catch (ExecutionException e) {
            retryLater(report, published, nextRetry, e.getCause());
            return;
        } catch (TimeoutException | RuntimeException e) {
            retryLater(report, published, nextRetry, e);
            return;
        }
        metrics.delivered(report.outcome());
        published.run();
    }

    private void retryLater(OtpDeliveryReported report, Runnable published, Duration nextRetry, Throwable failure) {
        LOG.warn("Could not publish the {} report for request {} to {}: {}; retrying in {}", report.outcome(),
                report.requestEventId(), report.phone().masked(), failure.toString(), nextRetry);
        workers.later(nextRetry, () -> publish(report, published, min(nextRetry.multipliedBy(2), LONGEST_RETRY)));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
