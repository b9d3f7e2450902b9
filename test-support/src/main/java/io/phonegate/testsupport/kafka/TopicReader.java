package io.phonegate.testsupport.kafka;

import io.phonegate.common.event.EventCodec;
import io.phonegate.common.event.PhonegateEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Reads a topic from its beginning, outside any consumer group, so a test can assert on
 * what a service published. Not thread-safe: one test thread uses it.
 */
public final class TopicReader implements AutoCloseable {

    private static final EventCodec CODEC = new EventCodec();

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    private TopicReader(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(props);
        this.topic = topic;
    }

    public static TopicReader open(String bootstrapServers, String topic) {
        return new TopicReader(bootstrapServers, topic);
    }

    /** Waits until {@code count} records match, or fails after {@code timeout}. */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(Predicate<ConsumerRecord<String, byte[]>> match,
                                                             int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<ConsumerRecord<String, byte[]>> matching = seen.stream().filter(match).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " matching records on " + topic + " within " + timeout
                        + ", saw " + matching.size() + " (of " + seen.size() + " in all)");
            }
            poll(Duration.ofMillis(100));
        }
    }

    /** Waits for the first event of {@code type} that matches, decoded with the shared codec. */
    public <T extends PhonegateEvent> T awaitEvent(Class<T> type, Predicate<T> match, Duration timeout) {
        return awaitEvents(type, match, 1, timeout).get(0);
    }

    public <T extends PhonegateEvent> List<T> awaitEvents(Class<T> type, Predicate<T> match, int count, Duration timeout) {
        Predicate<ConsumerRecord<String, byte[]>> recordMatch = record -> {
            PhonegateEvent event = decode(record);
            return type.isInstance(event) && match.test(type.cast(event));
        };
        return awaitRecords(recordMatch, count, timeout).stream().map(r -> type.cast(decode(r))).toList();
    }

    /**
     * Everything on the topic up to its end offsets as of this call. For asserting that something did
     * not arrive, once the test has waited for the condition after which it would have (a probe event
     * handled after it, a committed offset, a counter): unlike {@link #recordsAfter}, a slow fetch
     * cannot make the check pass, since every record published before this call is read.
     */
    public List<ConsumerRecord<String, byte[]>> recordsToEnd(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        poll(Duration.ZERO);
        if (consumer.assignment().isEmpty()) {
            return List.copyOf(seen);
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), timeout);
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("could not read " + topic + " to its end " + end + " within " + timeout);
            }
            poll(Duration.ofMillis(100));
        }
        return List.copyOf(seen);
    }

    /** Everything read so far after polling for {@code wait}: for asserting that something did not arrive. */
    public List<ConsumerRecord<String, byte[]>> recordsAfter(Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        while (Instant.now().isBefore(deadline)) {
            poll(Duration.ofMillis(100));
        }
        return List.copyOf(seen);
    }

    public static PhonegateEvent decode(ConsumerRecord<String, byte[]> record) {
        return CODEC.decode(headers(record), record.value()).orElse(null);
    }

    public static Map<String, byte[]> headers(ConsumerRecord<?, ?> record) {
        Map<String, byte[]> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return headers;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : EventCodec.headerText(header.value());
    }

    private void poll(Duration timeout) {
        if (consumer.assignment().isEmpty()) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (partitions == null || partitions.isEmpty()) {
                sleep(timeout);
                return;
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
        }
        consumer.poll(timeout).forEach(seen::add);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
