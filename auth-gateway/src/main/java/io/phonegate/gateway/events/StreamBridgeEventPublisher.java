package io.phonegate.gateway.events;

import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.EventType;
import io.phonegate.common.event.PhonegateEvent;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Publishes through {@link StreamBridge} to one output binding per event type. The bindings are
 * synchronous ({@code sync: true}, {@code acks=all}, idempotent producer; see application.yml), so
 * a send returns after the broker's acknowledgement or fails within the producer's timeouts.
 */
@Component
class StreamBridgeEventPublisher implements EventPublisher {

    static final String SOURCE = "/phonegate/auth-gateway";
    private static final Map<EventType, String> BINDINGS = Map.of(
            EventType.OTP_REQUESTED, "otpRequested",
            EventType.SIGNUP_REQUESTED, "signupRequested",
            EventType.SIGNUP_COMPLETED, "signupCompleted");

    private final StreamBridge streamBridge;
    private final EventCodec codec = new EventCodec();

    StreamBridgeEventPublisher(StreamBridge streamBridge) {
        this.streamBridge = streamBridge;
    }

    @Override
    public void publish(PhonegateEvent event) {
        String binding = BINDINGS.get(EventType.of(event));
        if (binding == null) {
            throw new IllegalArgumentException("the gateway does not publish " + EventType.of(event));
        }
        MessageBuilder<byte[]> message = MessageBuilder.withPayload(codec.toJson(event))
                .setHeader(KafkaHeaders.KEY, event.partitionKey());
        codec.headers(event, SOURCE).forEach(message::setHeader);
        boolean sent;
        try {
            sent = streamBridge.send(binding, message.build());
        } catch (RuntimeException e) {
            throw new EventsUnavailableException("Kafka did not acknowledge " + EventType.of(event).type(), e);
        }
        if (!sent) {
            throw new EventsUnavailableException("Kafka refused " + EventType.of(event).type(), null);
        }
    }
}
