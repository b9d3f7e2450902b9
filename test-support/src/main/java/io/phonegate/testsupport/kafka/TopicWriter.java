package io.phonegate.testsupport.kafka;

import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.EventType;
import io.phonegate.common.event.PhonegateEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publishes records as a producing service would (or as a broken one would, for poison-message tests). */
public final class TopicWriter implements AutoCloseable {

    private static final EventCodec CODEC = new EventCodec();
    private static final String TEST_SOURCE = "/phonegate/test";

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
    public Written publish(PhonegateEvent event, String source) {
        return publish(EventType.of(event).topic(), event, source);
    }

    /** Publishes {@code event} on a topic of the test's choosing (tests that keep to their own topics). */
    public Written publish(String topic, PhonegateEvent event) {
        return publish(topic, event, TEST_SOURCE);
    }

    /** Publishes many without waiting for each acknowledgement, then waits for all of them. */
    public void publishAll(String topic, List<? extends PhonegateEvent> events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (PhonegateEvent event : events) {
            sent.add(producer.send(record(topic, event.partitionKey(), CODEC.headers(event, TEST_SOURCE), CODEC.toJson(event))));
        }
        for (Future<RecordMetadata> future : sent) {
            await(topic, future);
        }
    }

    /** Publishes raw bytes with the given headers (a poison record, say), and waits for the ack. */
    public Written send(String topic, String key, Map<String, byte[]> headers, byte[] value) {
        RecordMetadata sent = await(topic, producer.send(record(topic, key, headers, value)));
        return new Written(new TopicPartition(sent.topic(), sent.partition()), sent.offset());
    }

    private Written publish(String topic, PhonegateEvent event, String source) {
        return send(topic, event.partitionKey(), CODEC.headers(event, source), CODEC.toJson(event));
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, Map<String, byte[]> headers, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, bytes) -> record.headers().add(name, bytes));
        return record;
    }

    private static RecordMetadata await(String topic, Future<RecordMetadata> sent) {
        try {
            return sent.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** Where a record landed, so a test can check what the consumer committed. */
    public record Written(TopicPartition partition, long offset) {
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
