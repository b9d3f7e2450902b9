package io.phonegate.reaper.intake;

import io.phonegate.common.event.CloudEventHeaders;
import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.Topics;
import io.phonegate.reaper.ReaperMetrics;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Puts a record the reaper cannot read on {@code <topic>.dlq}: same key, same body, its
 * CloudEvents headers, and the reason in {@link CloudEventHeaders#DLQ_REASON}. Synchronous,
 * so the record is released only once the dead-letter copy is safe.
 */
@Component
class DeadLetters {

    private static final String CLOUD_EVENTS_PREFIX = "ce_";

    private final StreamBridge streamBridge;
    private final ReaperMetrics metrics;

    DeadLetters(StreamBridge streamBridge, ReaperMetrics metrics) {
        this.streamBridge = streamBridge;
        this.metrics = metrics;
    }

    /** @param headers the record's headers, CloudEvents ones under their Kafka names ({@code ce_...}) */
    void send(String topic, Map<String, Object> headers, byte[] body, String reason) {
        MessageBuilder<byte[]> copy = MessageBuilder.withPayload(body)
                .setHeader(CloudEventHeaders.DLQ_REASON, reason.getBytes(StandardCharsets.UTF_8));
        Object key = headers.get(KafkaHeaders.RECEIVED_KEY);
        if (key != null) {
            copy.setHeader(KafkaHeaders.KEY, key);
        }
        headers.forEach((name, value) -> {
            if (name.startsWith(CLOUD_EVENTS_PREFIX)) {
                copy.setHeader(name, EventCodec.headerText(value).getBytes(StandardCharsets.UTF_8));
            }
        });
        String deadLetterTopic = Topics.deadLetter(topic);
        if (!streamBridge.send(deadLetterTopic, copy.build())) {
            throw new IllegalStateException("the broker did not take the record for " + deadLetterTopic);
        }
        metrics.deadLettered(topic);
    }
}
