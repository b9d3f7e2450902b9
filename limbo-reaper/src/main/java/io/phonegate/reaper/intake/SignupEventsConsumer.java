package io.phonegate.reaper.intake;

import io.phonegate.common.event.CloudEventHeaders;
import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.EventDecodingException;
import io.phonegate.common.event.PhonegateEvent;
import io.phonegate.common.event.SignupCompleted;
import io.phonegate.common.event.SignupRequested;
import io.phonegate.common.event.SignupRequestedV2;
import io.phonegate.reaper.ReaperMetrics;
import io.phonegate.reaper.ReaperMetrics.KeptReason;
import io.phonegate.reaper.schedule.Announcement;
import io.phonegate.reaper.schedule.PendingSignups;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code signupEvents} binding: one Kafka consumer for both sign-up topics (subscribed by
 * pattern), so that with the range assignor a number's request and completion (same key, same
 * partition number) reach the same instance, and a completion can cancel the request waiting
 * there. Where they do not (topics with different partition counts), the due check still
 * finds the user verified and keeps it: co-location saves a Cognito call, safety does not
 * depend on it.
 *
 * <p>Never blocks: a request is put in the schedule and its record stays unreleased until it
 * is handled; everything else is released at once. Never throws: a record it cannot read goes
 * to the dead-letter topic, and if even that fails it stays unreleased, so it is read again
 * after a restart or rebalance instead of being lost.
 */
@Component("signupEvents")
class SignupEventsConsumer implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(SignupEventsConsumer.class);

    private final EventCodec codec;
    private final OffsetWatermarks watermarks;
    private final PendingSignups pending;
    private final RequestIntakePause intakePause;
    private final DeadLetters deadLetters;
    private final ReaperMetrics metrics;

    SignupEventsConsumer(EventCodec codec, OffsetWatermarks watermarks, PendingSignups pending,
                         RequestIntakePause intakePause, DeadLetters deadLetters, ReaperMetrics metrics) {
        this.codec = codec;
        this.watermarks = watermarks;
        this.pending = pending;
        this.intakePause = intakePause;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Override
    public void accept(Message<byte[]> message) {
        MessageHeaders headers = message.getHeaders();
        TopicPartition partition = new TopicPartition(
                headers.get(KafkaHeaders.RECEIVED_TOPIC, String.class),
                Objects.requireNonNull(headers.get(KafkaHeaders.RECEIVED_PARTITION, Integer.class)));
        Acknowledgment acknowledgment = Objects.requireNonNull(
                headers.get(KafkaHeaders.ACKNOWLEDGMENT, Acknowledgment.class),
                "the signupEvents binding must use ackMode MANUAL");
        TrackedRecord record = watermarks.track(partition,
                Objects.requireNonNull(headers.get(KafkaHeaders.OFFSET, Long.class)), acknowledgment);

        Map<String, Object> recordHeaders = CloudEventHeaders.withKafkaNames(headers);
        Optional<PhonegateEvent> event;
        try {
            event = codec.decode(recordHeaders, message.getPayload());
        } catch (EventDecodingException e) {
            deadLetter(record, recordHeaders, message.getPayload(), e.getMessage());
            return;
        }
        Optional<Announcement> announcement = event.flatMap(SignupEventsConsumer::announcement);
        if (announcement.isPresent()) {
            intakePause.requestReadFrom(partition);
            if (!pending.schedule(announcement.get(), record)) {
                metrics.kept(KeptReason.COMPLETED);
            }
            return;
        }
        if (event.isPresent() && event.get() instanceof SignupCompleted completed && pending.cancel(completed)) {
            metrics.kept(KeptReason.COMPLETED);
        }
        record.release();
    }

    /** Both versions of the announcement: v2 from current gateways (and the sweep), v1 still on the topic. */
    private static Optional<Announcement> announcement(PhonegateEvent event) {
        if (event instanceof SignupRequestedV2 v2) {
            return Optional.of(Announcement.of(v2));
        }
        if (event instanceof SignupRequested v1) {
            return Optional.of(Announcement.of(v1));
        }
        return Optional.empty();
    }

    private void deadLetter(TrackedRecord record, Map<String, Object> headers, byte[] body, String reason) {
        try {
            deadLetters.send(record.partition().topic(), headers, body, reason);
            log.warn("Record {}@{} went to the dead-letter topic: {}", record.partition(), record.offset(), reason);
            record.release();
        } catch (RuntimeException e) {
            log.error("Could not dead-letter record {}@{} ({}); it stays uncommitted and is read again after a "
                    + "restart or rebalance: {}", record.partition(), record.offset(), reason, e.toString());
        }
    }
}
