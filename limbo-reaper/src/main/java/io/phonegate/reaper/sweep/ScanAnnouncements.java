package io.phonegate.reaper.sweep;

import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.SignupRequestedV2;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.reaper.ReaperApplication;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.UUID;

/**
 * Announces a pending user that no event announced, as the gateway announces a sign-up: a
 * {@link SignupRequestedV2} keyed by the number, on the sign-up topic. It reaches the instance that
 * owns the number's partition, where the latest announcement per username wins. Synchronous: it
 * returns once the broker has the record.
 */
@Component
class ScanAnnouncements {

    static final String BINDING = "signupAnnouncements-out-0";

    private final StreamBridge streamBridge;
    private final EventCodec codec;
    private final Clock clock;

    ScanAnnouncements(StreamBridge streamBridge, EventCodec codec, Clock clock) {
        this.streamBridge = streamBridge;
        this.codec = codec;
        this.clock = clock;
    }

    void announce(PhoneNumber phone, String username) {
        SignupRequestedV2 event = new SignupRequestedV2(UUID.randomUUID(), clock.instant(), phone, username);
        MessageBuilder<byte[]> message = MessageBuilder.withPayload(codec.toJson(event))
                .setHeader(KafkaHeaders.KEY, event.partitionKey());
        codec.headers(event, ReaperApplication.EVENT_SOURCE).forEach(message::setHeader);
        if (!streamBridge.send(BINDING, message.build())) {
            throw new IllegalStateException("the broker did not take the announcement");
        }
    }
}
