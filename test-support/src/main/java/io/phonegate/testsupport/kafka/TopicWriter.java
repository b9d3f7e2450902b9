package io.phonegate.testsupport.kafka;

import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.EventType;
import io.phonegate.common.event.PhonegateEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publishes records as a producing service would (or as a broken one would, for poison-message tests). */
public final class TopicWriter implements AutoCloseable {

    private static final EventCodec CODEC = new EventCodec();

    private final KafkaProducer<String, byte[]> producer;

    private TopicWriter(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props);
    }

    public static TopicWriter open(String bootstrapServers) {
        return new TopicWriter(bootstrapServers);
    }

    /** Publishes {@code event} on its topic, keyed and with CloudEvents headers, and waits for the ack. */
    public void publish(PhonegateEvent event, String source) {
        send(EventType.of(event).topic(), event.partitionKey(), CODEC.headers(event, source), CODEC.toJson(event));
    }

    /** Publishes raw bytes with the given headers, and waits for the ack. */
    public void send(String topic, String key, Map<String, byte[]> headers, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, bytes) -> record.headers().add(name, bytes));
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
