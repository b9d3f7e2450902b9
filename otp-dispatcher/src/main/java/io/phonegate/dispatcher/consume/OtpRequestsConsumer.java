package io.phonegate.dispatcher.consume;

import io.phonegate.common.event.CloudEventHeaders;
import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.PhonegateEvent;
import io.phonegate.dispatcher.delivery.DeliveryPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code otpRequests} binding: reads {@code phonegate.otp.requested} and hands each request
 * to the pipeline. Records of a type this version does not know are skipped (tolerant reader);
 * records that are not a valid event go to the dead-letter topic. Nothing is thrown back to
 * the binder, so every offset goes through {@link CommitOrder}.
 */
final class OtpRequestsConsumer implements Consumer<Message<byte[]>> {

    private static final Logger LOG = LoggerFactory.getLogger(OtpRequestsConsumer.class);

    private final EventCodec codec;
    private final DeliveryPipeline pipeline;
    private final CommitOrder commits;
    private final DeadLetters deadLetters;

    OtpRequestsConsumer(EventCodec codec, DeliveryPipeline pipeline, CommitOrder commits, DeadLetters deadLetters) {
        this.codec = codec;
        this.pipeline = pipeline;
        this.commits = commits;
        this.deadLetters = deadLetters;
    }

    @Override
    public void accept(Message<byte[]> record) {
        Map<String, Object> headers = CloudEventHeaders.withKafkaNames(record.getHeaders());
        CommitOrder.Ticket ticket = commits.track((String) headers.get(KafkaHeaders.RECEIVED_TOPIC),
                (Integer) headers.get(KafkaHeaders.RECEIVED_PARTITION), (Long) headers.get(KafkaHeaders.OFFSET),
                (Acknowledgment) headers.get(KafkaHeaders.ACKNOWLEDGMENT));
        Optional<PhonegateEvent> event;
        try {
            event = codec.decode(headers, record.getPayload());
        } catch (RuntimeException e) {
            deadLetters.publish(record, headers, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), ticket::done);
            return;
        }
        if (event.isEmpty()) {
            LOG.debug("Skipping a record of type {} that this version does not know",
                    EventCodec.headerText(headers.get(CloudEventHeaders.TYPE)));
            ticket.done();
            return;
        }
        if (!(event.get() instanceof OtpRequested request)) {
            deadLetters.publish(record, headers, "a " + event.get().getClass().getSimpleName() + " does not belong on this topic",
                    ticket::done);
            return;
        }
        try {
            pipeline.accept(request, ticket::done);
        } catch (InterruptedException stopping) {
            // The binding is stopping: the request stays uncommitted and is redelivered.
            Thread.currentThread().interrupt();
        }
    }
}
