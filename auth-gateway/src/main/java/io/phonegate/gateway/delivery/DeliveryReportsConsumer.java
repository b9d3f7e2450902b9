package io.phonegate.gateway.delivery;

import io.phonegate.common.event.CloudEventHeaders;
import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.EventDecodingException;
import io.phonegate.common.event.OtpDeliveryReported;
import io.phonegate.common.event.PhonegateEvent;
import io.phonegate.gateway.limits.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code deliveryReports} binding: the dispatcher's {@code OtpDeliveryReported}, read by all gateway
 * instances together (one consumer group, each report by one of them) into the shared store, from which
 * every instance answers. A record is acknowledged only after it is written down (offsets commit after the
 * work). While the store cannot take it, the consumer pauses on it ({@code nack}: the record is read again
 * after {@code store-retry}, every partition of the consumer waits, the consumer stays in its group). A
 * record that is not a valid event goes to {@code phonegate.otp.delivery.dlq}; one of a type this version
 * does not know is skipped. Never throws to the binder.
 */
final class DeliveryReportsConsumer implements Consumer<Message<byte[]>> {

    static final String BINDING = "deliveryReports-in-0";
    private static final Logger log = LoggerFactory.getLogger(DeliveryReportsConsumer.class);

    private final EventCodec codec = new EventCodec();
    private final DeliveryStatuses statuses;
    private final DeliveryDeadLetters deadLetters;
    private final Duration storeRetry;

    DeliveryReportsConsumer(DeliveryStatuses statuses, DeliveryDeadLetters deadLetters, Duration storeRetry) {
        this.statuses = statuses;
        this.deadLetters = deadLetters;
        this.storeRetry = storeRetry;
    }

    @Override
    public void accept(Message<byte[]> message) {
        Acknowledgment acknowledgment = Objects.requireNonNull(
                message.getHeaders().get(KafkaHeaders.ACKNOWLEDGMENT, Acknowledgment.class),
                "the " + BINDING + " binding must use ack-mode MANUAL");
        Map<String, Object> headers = CloudEventHeaders.withKafkaNames(message.getHeaders());
        Optional<PhonegateEvent> event;
        try {
            event = codec.decode(headers, message.getPayload());
        } catch (EventDecodingException e) {
            deadLetter(message, headers, e.getMessage(), acknowledgment);
            return;
        }
        if (event.isEmpty() || !(event.get() instanceof OtpDeliveryReported report)) {
            acknowledgment.acknowledge();
            return;
        }
        try {
            statuses.record(report);
            acknowledgment.acknowledge();
        } catch (StoreUnavailableException e) {
            // Counted and logged by the store calls (policy "pause"); read again, in order, once the wait is over.
            acknowledgment.nack(storeRetry);
        }
    }

    private void deadLetter(Message<byte[]> message, Map<String, Object> headers, String reason,
                            Acknowledgment acknowledgment) {
        try {
            deadLetters.send(message.getPayload(), headers, reason);
            acknowledgment.acknowledge();
        } catch (RuntimeException e) {
            log.warn("Could not dead-letter a delivery report ({}): {}; reading it again in {}", reason, e.toString(),
                    storeRetry);
            acknowledgment.nack(storeRetry);
        }
    }
}
