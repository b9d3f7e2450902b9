package io.phonegate.gateway.events;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's one Kafka producer, set from the same properties operators already set for Kafka
 * ({@code spring.cloud.stream.kafka.binder.brokers}, {@code .configuration.*} for every client, e.g. TLS or
 * SASL, and {@code .producer-properties.*} on top). A plain producer rather than a Spring Cloud Stream
 * output binding: the request thread waits on the send's own future, bounded by the request's deadline,
 * with no thread hop and no message conversion; and there is no binding whose creation a send could
 * wait for while the broker is down.
 */
@Configuration(proxyBeanMethods = false)
class EventProducerConfig {

    private static final Logger log = LoggerFactory.getLogger(EventProducerConfig.class);
    private static final String KAFKA = "spring.cloud.stream.kafka.binder";

    @Bean(destroyMethod = "")
    Producer<String, byte[]> eventProducer(@Value("${" + KAFKA + ".brokers}") String brokers, Environment environment) {
        Binder binder = Binder.get(environment);
        Bindable<Map<String, String>> settings = Bindable.mapOf(String.class, String.class);
        Map<String, Object> config = new HashMap<>(binder.bind(KAFKA + ".configuration", settings).orElse(Map.of()));
        config.putAll(binder.bind(KAFKA + ".producer-properties", settings).orElse(Map.of()));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "auth-gateway-events");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(config);
    }

    /** Flushes what is in flight, for at most a second, when the application stops. */
    @Bean
    AutoCloseable eventProducerCloser(Producer<String, byte[]> eventProducer) {
        return () -> eventProducer.close(Duration.ofSeconds(1));
    }

    /**
     * Learns the topics' partitions before the first request needs them (a send without them waits up to
     * {@code max.block.ms}); with the broker down this fails quietly and the first sends learn them.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp(ApplicationReadyEvent ready) {
        Producer<String, byte[]> producer = ready.getApplicationContext().getBean("eventProducer", Producer.class);
        Thread warmUp = new Thread(() -> {
            for (String topic : List.copyOf(KafkaEventPublisher.TOPICS.values())) {
                try {
                    producer.partitionsFor(topic);
                } catch (RuntimeException e) {
                    log.warn("Kafka's metadata for {} not read at start ({}); the first send reads it", topic, e.getMessage());
                }
            }
        }, "event-producer-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }
}
