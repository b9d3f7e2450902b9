package io.phonegate.dispatcher.consume;

import io.phonegate.common.event.CloudEventHeaders;
import io.phonegate.dispatcher.Workers;
import io.phonegate.dispatcher.metrics.DispatcherMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Puts a record the dispatcher cannot use on the dead-letter topic ({@code Topics.deadLetter})
 * unchanged (key, body, CloudEvents headers) with the reason in {@code phonegate_dlq_reason}
 * and in {@code x-exception-message} (the name Spring Cloud Stream's own dead-lettering uses),
 * plus where it came from. Done here rather than by the binder's {@code enableDlq} so the
 * record's offset goes through the same in-order commit as every other record.
 */
final class DeadLetters {

    static final String BINDING = "deadLetters-out-0";
    static final String EXCEPTION_MESSAGE = "x-exception-message";
    static final String ORIGINAL_TOPIC = "x-original-topic";
    static final String ORIGINAL_PARTITION = "x-original-partition";
    static final String ORIGINAL_OFFSET = "x-original-offset";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final StreamBridge bridge;
    private final DispatcherMetrics metrics;
    private final Workers workers;

    DeadLetters(StreamBridge bridge, DispatcherMetrics metrics, Workers workers) {
        this.bridge = bridge;
        this.metrics = metrics;
        this.workers = workers;
    }

    /** Publishes now, or retries later; {@code published} runs once the broker has it. */
    void publish(Message<byte[]> record, Map<String, Object> headers, String reason, Runnable published) {
        String topic = String.valueOf(headers.get(KafkaHeaders.RECEIVED_TOPIC));
        MessageBuilder<byte[]> letter = MessageBuilder.withPayload(record.getPayload() == null ? new byte[0] : record.getPayload());
        headers.forEach((name, value) -> {
            if (name.startsWith(CloudEventHeaders.KAFKA_PREFIX) || name.equals(CloudEventHeaders.CONTENT_TYPE)) {
                letter.setHeader(name, value);
            }
        });
        Object key = headers.get(KafkaHeaders.RECEIVED_KEY);
        if (key != null) {
            letter.setHeader(KafkaHeaders.KEY, key);
        }
        letter.setHeader(CloudEventHeaders.DLQ_REASON, utf8(reason))
                .setHeader(EXCEPTION_MESSAGE, utf8(reason))
                .setHeader(ORIGINAL_TOPIC, utf8(topic))
                .setHeader(ORIGINAL_PARTITION, utf8(String.valueOf(headers.get(KafkaHeaders.RECEIVED_PARTITION))))
                .setHeader(ORIGINAL_OFFSET, utf8(String.valueOf(headers.get(KafkaHeaders.OFFSET))));
        String where = topic + "-" + headers.get(KafkaHeaders.RECEIVED_PARTITION) + "@" + headers.get(KafkaHeaders.OFFSET);
        send(letter.build(), topic, where, reason, published);
    }

    private void send(Message<byte[]> letter, String topic, String where, String reason, Runnable published) {
        try {
            if (!bridge.send(BINDING, letter)) {
                throw new IllegalStateException("the binder did not take the dead letter");
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not dead-letter {}: {}; retrying in {}", where, e.toString(), RETRY);
            workers.later(RETRY, () -> send(letter, topic, where, reason, published));
            return;
        }
        LOG.warn("Dead-lettered {}: {}", where, reason);
        metrics.deadLettered(topic);
        published.run();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
