package io.phonegate.gateway.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.common.event.CloudEventHeaders;
import io.phonegate.common.event.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Puts a delivery report the gateway cannot read on {@code phonegate.otp.delivery.dlq}, as the other
 * services do: same key, same body, its CloudEvents headers, the reason in {@code phonegate_dlq_reason}
 * and {@code x-exception-message}, and where it came from. The binding is synchronous, so the record is
 * acknowledged only once its copy is safe.
 */
final class DeliveryDeadLetters {

    static final String BINDING = "deliveryDeadLetters-out-0";
    private static final Logger log = LoggerFactory.getLogger(DeliveryDeadLetters.class);

    private final StreamBridge bridge;
    private final Counter deadLettered;

    DeliveryDeadLetters(StreamBridge bridge, MeterRegistry meters) {
        this.bridge = bridge;
        this.deadLettered = Counter.builder("phonegate.dead.letters").tag("topic", Topics.OTP_DELIVERY)
                .description("Records put on a dead-letter topic, by the topic they came from").register(meters);
    }

    /** @throws IllegalStateException when the broker did not take the copy */
    void send(byte[] body, Map<String, Object> headers, String reason) {
        MessageBuilder<byte[]> letter = MessageBuilder.withPayload(body == null ? new byte[0] : body);
        headers.forEach((name, value) -> {
            if (name.startsWith(CloudEventHeaders.KAFKA_PREFIX) || name.equals(CloudEventHeaders.CONTENT_TYPE)) {
                letter.setHeader(name, value);
            }
        });
        Object key = headers.get(KafkaHeaders.RECEIVED_KEY);
        if (key != null) {
            letter.setHeader(KafkaHeaders.KEY, key);
        }
        String where = headers.get(KafkaHeaders.RECEIVED_TOPIC) + "-" + headers.get(KafkaHeaders.RECEIVED_PARTITION)
                + "@" + headers.get(KafkaHeaders.OFFSET);
        letter.setHeader(CloudEventHeaders.DLQ_REASON, utf8(reason))
                .setHeader("x-exception-message", utf8(reason))
                .setHeader("x-original-topic", utf8(String.valueOf(headers.get(KafkaHeaders.RECEIVED_TOPIC))))
                .setHeader("x-original-partition", utf8(String.valueOf(headers.get(KafkaHeaders.RECEIVED_PARTITION))))
                .setHeader("x-original-offset", utf8(String.valueOf(headers.get(KafkaHeaders.OFFSET))));
        if (!bridge.send(BINDING, letter.build())) {
            throw new IllegalStateException("the binder did not take the dead letter");
        }
        deadLettered.increment();
        log.warn("Dead-lettered delivery report {}: {}", where, reason);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
