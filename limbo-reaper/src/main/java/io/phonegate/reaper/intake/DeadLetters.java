package io.phonegate.reaper.intake;

import io.phonegate.common.event.CloudEventHeaders;
import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.Topics;
import io.phonegate.reaper.ReaperMetrics;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * Puts a record the reaper cannot read on {@code <topic>.dlq}: same key, same body, its
 * CloudEvents headers (under their Kafka names, whatever Spring Cloud Function renamed), and the reason in {@link CloudEventHeaders#DLQ_REASON}. Synchronous, so
 * the record is released only once the dead-letter copy is safe.
 */
@Component
class DeadLetters {

    private final StreamBridge streamBridge;
    private final ReaperMetrics metrics;

    DeadLetters(StreamBridge streamBridge, ReaperMetrics metrics) {
        this.streamBridge = streamBridge;
        this.metrics = metrics;
    }

    void send(String topic, Message<byte[]> record, String reason) {
        byte[] body = record.getPayload() == null ? new byte[0] : record.getPayload();
        MessageBuilder<byte[]> copy = MessageBuilder.withPayload(body)
                .setHeader(CloudEventHeaders.DLQ_REASON, reason.getBytes(StandardCharsets.UTF_8));
        Object key = record.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        if (key != null) {
            copy.setHeader(KafkaHeaders.KEY, key);
        }
        record.getHeaders().forEach((name, value) -> {
            if (name.startsWith("ce_") || name.startsWith("ce-")) {
                copy.setHeader("ce_" + name.substring(3), EventCodec.headerText(value).getBytes(StandardCharsets.UTF_8));
            }
        });
        String deadLetterTopic = Topics.deadLetter(topic);
        if (!streamBridge.send(deadLetterTopic, copy.build())) {
            throw new IllegalStateException("the broker did not take the record for " + deadLetterTopic);
        }
        metrics.deadLettered(topic);
    }
}
