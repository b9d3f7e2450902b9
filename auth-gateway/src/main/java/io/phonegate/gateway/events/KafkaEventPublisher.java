package io.phonegate.gateway.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.EventType;
import io.phonegate.common.event.PhonegateEvent;
import io.phonegate.common.event.Topics;
import io.phonegate.gateway.config.GatewayProperties;
import io.phonegate.gateway.shedding.RequestDeadline;
import io.phonegate.gateway.shedding.SheddingConfig;
import io.phonegate.gateway.shedding.SheddingSettings;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes each event on its topic with the gateway's one Kafka producer ({@code acks=all}, idempotent)
 * and waits, on the request's own thread, for the broker's acknowledgement: at most
 * {@code phonegate.gateway.publish-timeout}, and never past the request's deadline. The producer's own
 * timeouts are longer (a slow second of the broker does not fail a send the producer may still deliver);
 * the HTTP answer's bound is this wait.
 *
 * <p>An event that starts something (a code, a sign-up announcement) is not published at all once the
 * request's deadline has passed: its client has likely given up, and a code it never sees is an SMS wasted.
 * A send given up on is not cancelled (a producer cannot take a record back) and may still land; such late
 * acknowledgements are counted ({@code phonegate_gateway_publish_late_total}), since each may be a code sent
 * for a request answered {@code 503}.
 */
@Component
class KafkaEventPublisher implements EventPublisher {

    static final String SOURCE = "/phonegate/auth-gateway";
    static final Map<EventType, String> TOPICS = Map.of(
            EventType.OTP_REQUESTED, Topics.OTP_REQUESTED,
            EventType.SIGNUP_REQUESTED_V2, Topics.SIGNUP_REQUESTED,
            EventType.SIGNUP_COMPLETED, Topics.SIGNUP_COMPLETED);
    /** Events whose publication starts work for a client that is waiting: useless once it has gone. */
    private static final Set<EventType> FOR_A_WAITING_CLIENT = Set.of(EventType.OTP_REQUESTED, EventType.SIGNUP_REQUESTED_V2);

    private final Producer<String, byte[]> producer;
    private final EventCodec codec = new EventCodec();
    private final long timeoutNanos;
    private final Counter pastDeadline;
    private final Counter late;
    private final Duration retryAfter;

    KafkaEventPublisher(Producer<String, byte[]> eventProducer, GatewayProperties properties, SheddingSettings shedding,
                        MeterRegistry meters) {
        this.retryAfter = shedding.retryAfter();
        this.producer = eventProducer;
        this.timeoutNanos = properties.publishTimeout().toNanos();
        this.pastDeadline = meters.counter(SheddingConfig.SHED, "reason", "deadline");
        this.late = meters.counter("phonegate.gateway.publish.late");
    }

    @Override
    public void publish(PhonegateEvent event) {
        EventType type = EventType.of(event);
        String topic = TOPICS.get(type);
        if (topic == null) {
            throw new IllegalArgumentException("the gateway does not publish " + type);
        }
        long remaining = RequestDeadline.remainingNanos();
        if (remaining <= 0 && FOR_A_WAITING_CLIENT.contains(type)) {
            pastDeadline.increment();
            throw new DeadlinePassedException("the request's deadline passed before " + type.type() + " was published", retryAfter);
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.partitionKey(), codec.toJson(event));
        codec.headers(event, SOURCE).forEach(record.headers()::add);
        AtomicBoolean givenUp = new AtomicBoolean();
        Future<RecordMetadata> sent;
        try {
            sent = producer.send(record, (metadata, error) -> {
                if (error == null && givenUp.get()) {
                    late.increment();
                }
            });
        } catch (KafkaException e) {
            throw new EventsUnavailableException("Kafka did not take " + type.type() + ": " + e.getMessage(), e);
        }
        // Read again: a send without the topic's metadata may have waited for it (max.block.ms).
        long wait = FOR_A_WAITING_CLIENT.contains(type) ? Math.min(timeoutNanos, RequestDeadline.remainingNanos())
                : timeoutNanos;
        try {
            sent.get(wait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            givenUp.set(true);
            throw new EventsUnavailableException("Kafka did not acknowledge " + type.type() + " within "
                    + Duration.ofNanos(wait).toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new EventsUnavailableException("Kafka did not acknowledge " + type.type(), e.getCause());
        } catch (InterruptedException e) {
            givenUp.set(true);
            Thread.currentThread().interrupt();
            throw new EventsUnavailableException("interrupted while publishing " + type.type(), e);
        }
    }
}
