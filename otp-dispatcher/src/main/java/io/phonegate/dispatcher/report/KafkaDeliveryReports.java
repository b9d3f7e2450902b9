package io.phonegate.dispatcher.report;

import io.phonegate.common.event.DeliveryOutcome;
import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.OtpDeliveryReported;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.dispatcher.Workers;
import io.phonegate.dispatcher.metrics.DispatcherMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * {@link DeliveryReports} on Kafka: publishes the one {@link OtpDeliveryReported} of each request
 * on {@code phonegate.otp.delivery} through a synchronous, idempotent {@code acks=all} producer
 * binding (Spring Cloud Stream's {@code StreamBridge}), and only then lets the
 * request's offset be committed. A failed publish is retried until it succeeds or the
 * dispatcher stops (then the request is redelivered to whoever owns its partition next).
 *
 * <p>A report's event id is derived from its request's ({@link #reportId}): should the same report
 * ever be published twice (a crash between the broker's acknowledgement and the claim noting it),
 * both copies carry one id, and a reader drops the second as it drops any redelivered event.
 */
public final class KafkaDeliveryReports implements DeliveryReports {

    static final String BINDING = "deliveryReports-out-0";
    /** The CloudEvents {@code ce_source} of the reports. */
    static final String SOURCE = "/phonegate/otp-dispatcher";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaDeliveryReports.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(15);

    private final StreamBridge bridge;
    private final EventCodec codec;
    private final DispatcherMetrics metrics;
    private final Workers workers;
    private final Clock clock;

    public KafkaDeliveryReports(StreamBridge bridge, EventCodec codec, DispatcherMetrics metrics, Workers workers, Clock clock) {
        this.bridge = bridge;
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
        try {
            MessageBuilder<byte[]> message = MessageBuilder.withPayload(codec.toJson(report))
                    .setHeader(KafkaHeaders.KEY, report.partitionKey());
            codec.headers(report, SOURCE).forEach(message::setHeader);
            if (!bridge.send(BINDING, message.build())) {
                throw new IllegalStateException("the binder did not take the report");
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not publish the {} report for request {} to {}: {}; retrying in {}", report.outcome(),
                    report.requestEventId(), report.phone().masked(), e.toString(), nextRetry);
            workers.later(nextRetry, () -> publish(report, published, min(nextRetry.multipliedBy(2), LONGEST_RETRY)));
            return;
        }
        metrics.delivered(report.outcome());
        published.run();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
