package io.phonegate.devstack.bench;

import io.phonegate.common.keys.HmacSha256;
import io.phonegate.devstack.local.LocalStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * The floor under a start's latency, measured on the same stack: what one Kafka hop and one Cognito call
 * cost with nothing of Phonegate in between. A start→SMS can hardly be faster than a few of each.
 */
final class FloorProbe {

    static final String FLOOR_TOPIC = "phonegate.bench.floor";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalStack stack;

    FloorProbe(LocalStack stack) {
        this.stack = stack;
    }

    /**
     * Produce→consume of {@code count} records at {@code rate}/s, the producer set as the gateway's
     * ({@code acks=all}, idempotent) but without its linger, which is a wait the gateway chooses, not the
     * broker's latency; a consumer with default fetch settings as the dispatcher's.
     */
    Percentiles kafka(int count, double rate) {
        stack.kafka().createTopics(List.of(FLOOR_TOPIC), 1);
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicBoolean done = new AtomicBoolean();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                new ByteArraySerializer());
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                     new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(FLOOR_TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            Thread reader = new Thread(() -> {
                while (!done.get()) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long sentNanos = ByteBuffer.wrap(record.value()).getLong();
                        latencies.add((System.nanoTime() - sentNanos) / 1e6);
                    }
                }
            }, "bench-floor-consumer");
            reader.start();
            producer.send(new ProducerRecord<>(FLOOR_TOPIC, ByteBuffer.allocate(8).putLong(System.nanoTime()).array()));
            pace(count, rate, i -> producer.send(new ProducerRecord<>(FLOOR_TOPIC,
                    ByteBuffer.allocate(8).putLong(System.nanoTime()).array())));
            producer.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (latencies.size() < count + 1 && System.nanoTime() < deadline) {
                sleep(20);
            }
            done.set(true);
            join(reader);
        }
        List<Double> measured = new ArrayList<>(latencies);
        return Percentiles.of(measured.subList(Math.min(1, measured.size()), measured.size()));
    }

    /**
     * {@code AdminInitiateAuth} (CUSTOM_AUTH, a known user): the call every start makes, over the emulator's
     * wire (AWS JSON 1.1, a fresh HTTP/1.1 client that keeps its connections), {@code count} at {@code rate}/s.
     */
    Percentiles cognito(int count, double rate) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        String username = "+15550100999";
        URI endpoint = stack.cognito().endpoint();
        String pool = stack.cognito().userPoolId();
        call(http, endpoint, "AdminCreateUser", JSON.createObjectNode().put("UserPoolId", pool).put("Username", username)
                .put("MessageAction", "SUPPRESS")
                .set("UserAttributes", JSON.createArrayNode().add(JSON.createObjectNode()
                        .put("Name", "phone_number").put("Value", username))));
        call(http, endpoint, "AdminSetUserPassword", JSON.createObjectNode().put("UserPoolId", pool)
                .put("Username", username).put("Password", "Bench-" + java.util.UUID.randomUUID()).put("Permanent", true));
        ObjectNode initiate = JSON.createObjectNode().put("UserPoolId", pool).put("ClientId", stack.cognito().clientId())
                .put("AuthFlow", "CUSTOM_AUTH");
        ObjectNode parameters = initiate.putObject("AuthParameters").put("USERNAME", username);
        if (stack.cognito().clientSecret() != null) {
            parameters.put("SECRET_HASH", secretHash(username, stack.cognito().clientId(), stack.cognito().clientSecret()));
        }
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        call(http, endpoint, "AdminInitiateAuth", initiate);
        pace(count, rate, i -> {
            long began = System.nanoTime();
            call(http, endpoint, "AdminInitiateAuth", initiate);
            latencies.add((System.nanoTime() - began) / 1e6);
        });
        return Percentiles.of(latencies);
    }

    private static void call(HttpClient http, URI endpoint, String operation, ObjectNode body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(operation + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(operation + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String secretHash(String username, String clientId, String secret) {
        return Base64.getEncoder().encodeToString(HmacSha256.once(secret.getBytes(StandardCharsets.UTF_8),
                (username + clientId).getBytes(StandardCharsets.UTF_8)));
    }

    /** Runs {@code action} {@code count} times, one every {@code 1/rate} s, on this thread (one call at a time). */
    private static void pace(int count, double rate, java.util.function.IntConsumer action) {
        long period = (long) (1e9 / rate);
        long next = System.nanoTime();
        for (int i : IntStream.range(0, count).toArray()) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                sleep(TimeUnit.NANOSECONDS.toMillis(wait));
            }
            action.accept(i);
            next += period;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
