package io.phonegate.reaper;

import io.phonegate.common.event.EventCodec;
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
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Publishes as the gateway would, onto a test's own topics, and says where each record landed. */
public final class EventPublisher implements AutoCloseable {

    private static final EventCodec CODEC = new EventCodec();

    private final KafkaProducer<String, byte[]> producer;

    public EventPublisher(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    public TopicPartitionOffset publish(String topic, PhonegateEvent event) {
        return send(topic, event.partitionKey(), CODEC.headers(event, "/phonegate/test"), CODEC.toJson(event));
    }

    /** Publishes many without waiting for each acknowledgment, then waits for all of them. */
    public void publishAll(String topic, List<? extends PhonegateEvent> events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (PhonegateEvent event : events) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.partitionKey(), CODEC.toJson(event));
            CODEC.headers(event, "/phonegate/test").forEach((name, value) -> record.headers().add(name, value));
            sent.add(producer.send(record));
        }
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not publish to " + topic, e);
            }
        }
    }

    public TopicPartitionOffset send(String topic, String key, Map<String, byte[]> headers, byte[] body) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, body);
        headers.forEach((name, value) -> record.headers().add(name, value));
        try {
            RecordMetadata sent = producer.send(record).get(10, TimeUnit.SECONDS);
            return new TopicPartitionOffset(new TopicPartition(sent.topic(), sent.partition()), sent.offset());
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }

    public record TopicPartitionOffset(TopicPartition partition, long offset) {
    }
}
