package io.phonegate.gateway.events;

import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.EventType;
import io.phonegate.common.event.PhonegateEvent;
import io.phonegate.gateway.config.GatewayProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes through {@link StreamBridge} to one output binding per event type. The bindings are
 * synchronous ({@code sync: true}, {@code acks=all}, idempotent producer, short producer timeouts;
 * see application.yml), so a send returns after the broker's acknowledgement.
 *
 * <p>Each send also runs under a hard deadline ({@code phonegate.gateway.publish-timeout}) on a
 * small bounded pool: the binder creates a binding on its first send, and while the broker is
 * down that creation retries for as long as it takes, beyond any producer timeout. A request is
 * answered {@code 503} at the deadline; when every publishing thread is stuck, at once.
 * A send past its deadline is not interrupted (that would corrupt the producer) and may still
 * reach Kafka later; the client was told to try again, so at worst one extra code is sent.
 */
@Component
class StreamBridgeEventPublisher implements EventPublisher, DisposableBean {

    static final String SOURCE = "/phonegate/auth-gateway";
    private static final Map<EventType, String> BINDINGS = Map.of(
            EventType.OTP_REQUESTED, "otpRequested",
            EventType.SIGNUP_REQUESTED_V2, "signupRequested",
            EventType.SIGNUP_COMPLETED, "signupCompleted");

    private final StreamBridge streamBridge;
    private final EventCodec codec = new EventCodec();
    private final Duration timeout;
    private final ThreadPoolExecutor senders;

    StreamBridgeEventPublisher(StreamBridge streamBridge, GatewayProperties properties) {
        this.streamBridge = streamBridge;
        this.timeout = properties.publishTimeout();
        AtomicInteger threads = new AtomicInteger();
        this.senders = new ThreadPoolExecutor(0, properties.publishThreads(), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "event-publisher-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public void publish(PhonegateEvent event) {
        EventType type = EventType.of(event);
        String binding = BINDINGS.get(type);
        if (binding == null) {
            throw new IllegalArgumentException("the gateway does not publish " + type);
        }
        Message<byte[]> message = message(event);
        Future<Boolean> sent;
        try {
            sent = senders.submit(() -> streamBridge.send(binding, message));
        } catch (RejectedExecutionException e) {
            throw new EventsUnavailableException("every publishing thread is waiting for Kafka", e);
        }
        try {
            if (!sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new EventsUnavailableException("Kafka refused " + type.type(), null);
            }
        } catch (TimeoutException e) {
            throw new EventsUnavailableException("Kafka did not acknowledge " + type.type() + " within " + timeout, e);
        } catch (ExecutionException e) {
            throw new EventsUnavailableException("Kafka did not acknowledge " + type.type(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventsUnavailableException("interrupted while publishing " + type.type(), e);
        }
    }

    private Message<byte[]> message(PhonegateEvent event) {
        MessageBuilder<byte[]> message = MessageBuilder.withPayload(codec.toJson(event))
                .setHeader(KafkaHeaders.KEY, event.partitionKey());
        codec.headers(event, SOURCE).forEach(message::setHeader);
        return message.build();
    }

    @Override
    public void destroy() {
        senders.shutdownNow();
    }
}
