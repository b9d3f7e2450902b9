package io.phonegate.testsupport.kafka;

import io.phonegate.common.event.CloudEventHeaders;
import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.OtpPurpose;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.PhonegateEvent;
import io.phonegate.common.event.Topics;
import io.phonegate.common.phone.PhoneNumber;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service relies on: an event published through Spring Cloud Stream with its
 * CloudEvents headers and phone key is read back equal by a functional consumer.
 * Run against each kind of broker by the subclasses.
 */
abstract class StreamRoundTripContract {

    static final String PROPERTIES = """
            spring.cloud.function.definition=received
            spring.cloud.stream.bindings.received-in-0.destination=phonegate.otp.requested
            spring.cloud.stream.bindings.received-in-0.group=round-trip
            spring.cloud.stream.kafka.bindings.received-in-0.consumer.start-offset=earliest
            spring.cloud.stream.kafka.binder.producer-properties.key.serializer=org.apache.kafka.common.serialization.StringSerializer
            spring.cloud.stream.kafka.binder.consumer-properties.key.deserializer=org.apache.kafka.common.serialization.StringDeserializer
            spring.cloud.stream.kafka.binder.required-acks=all
            """;

    private final EventCodec codec = new EventCodec();

    @Autowired
    StreamBridge streamBridge;

    @Test
    void eventPublishedWithHeadersIsReadBackEqual() throws Exception {
        OtpRequested sent = new OtpRequested(UUID.randomUUID(), Instant.now(), PhoneNumber.ofE164("+919876543210"),
                "challenge-1", "v1.k1.c2VhbGVk", OtpPurpose.SIGNUP, "hi", Instant.now().plus(3, ChronoUnit.MINUTES));

        MessageBuilder<byte[]> message = MessageBuilder.withPayload(codec.toJson(sent))
                .setHeader(KafkaHeaders.KEY, sent.partitionKey());
        codec.headers(sent, "/phonegate/test").forEach(message::setHeader);
        assertThat(streamBridge.send(Topics.OTP_REQUESTED, message.build())).isTrue();

        Message<byte[]> received = awaitMessageFor(sent);
        assertThat(codec.decode(received.getHeaders(), received.getPayload())).contains(sent);
        assertThat(EventCodec.headerText(received.getHeaders().get(CloudEventHeaders.ID))).isEqualTo(sent.eventId().toString());
        assertThat(EventCodec.headerText(received.getHeaders().get(CloudEventHeaders.TYPE))).isEqualTo("phonegate.otp.requested.v1");
        assertThat(EventCodec.headerText(received.getHeaders().get(CloudEventHeaders.SOURCE))).isEqualTo("/phonegate/test");
        assertThat(EventCodec.headerText(received.getHeaders().get(CloudEventHeaders.SPEC_VERSION))).isEqualTo("1.0");
        assertThat(Instant.parse(EventCodec.headerText(received.getHeaders().get(CloudEventHeaders.TIME)))).isEqualTo(sent.occurredAt());
        assertThat(received.getHeaders().get(KafkaHeaders.RECEIVED_KEY)).isEqualTo("+919876543210");
    }

    private Message<byte[]> awaitMessageFor(PhonegateEvent sent) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Message<byte[]> message = StreamRoundTripApp.RECEIVED.poll(1, TimeUnit.SECONDS);
            if (message != null && sent.eventId().toString()
                    .equals(EventCodec.headerText(message.getHeaders().get(CloudEventHeaders.ID)))) {
                return message;
            }
        }
        throw new AssertionError("the event did not come back within 30 s");
    }
}
