package io.phonegate.reaper.reap;

import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.UserReaped;
import io.phonegate.reaper.ReaperApplication;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/** Publishes {@link UserReaped} on its binding, which is synchronous: {@link #publish} returns once the broker has it. */
@Component
class ReapedEvents {

    static final String BINDING = "userReaped-out-0";

    private final StreamBridge streamBridge;
    private final EventCodec codec;

    ReapedEvents(StreamBridge streamBridge, EventCodec codec) {
        this.streamBridge = streamBridge;
        this.codec = codec;
    }

    void publish(UserReaped event) {
        MessageBuilder<byte[]> message = MessageBuilder.withPayload(codec.toJson(event))
                .setHeader(KafkaHeaders.KEY, event.partitionKey());
        codec.headers(event, ReaperApplication.EVENT_SOURCE).forEach(message::setHeader);
        if (!streamBridge.send(BINDING, message.build())) {
            throw new IllegalStateException("the broker did not take the UserReaped event");
        }
    }
}
