package io.phonegate.dispatcher.report;

import io.phonegate.common.event.EventCodec;
import io.phonegate.dispatcher.Workers;
import io.phonegate.dispatcher.metrics.DispatcherMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBinderConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
class ReportConfiguration {

    /** The producer's own delivery timeout, and 5 s more: a publish is tried again only once the producer gave it up. */
    private static final Duration PAST_DELIVERY_TIMEOUT = Duration.ofSeconds(5);
    private static final long KAFKA_DEFAULT_DELIVERY_TIMEOUT_MS = 120_000;

    /**
     * The reports' Kafka clients, set as the binder sets its own ({@code spring.cloud.stream.kafka.binder.brokers},
     * {@code .configuration.*}, {@code .producer-properties.*}, {@code .consumer-properties.*},
     * {@code .required-acks}): bound once, here, for the producer, its retry wait and the report log.
     */
    record ReportClients(Map<String, Object> producer, Map<String, Object> consumer) {

        /** How long a publish may wait for its acknowledgement: past it, the producer has given the record up. */
        Duration publishWait() {
            Object configured = producer.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
            long ms = configured == null ? KAFKA_DEFAULT_DELIVERY_TIMEOUT_MS : Long.parseLong(configured.toString());
            return Duration.ofMillis(ms).plus(PAST_DELIVERY_TIMEOUT);
        }
    }

    /** {@code spring.cloud.stream.kafka.binder.*}, bound as the binder binds it in its own context. */
    @Bean
    ReportClients reportClients(Environment environment, KafkaProperties kafka,
                                ObjectProvider<KafkaConnectionDetails> connection) {
        KafkaBinderConfigurationProperties binder = Binder.get(environment).bind("spring.cloud.stream.kafka.binder",
                        Bindable.ofInstance(new KafkaBinderConfigurationProperties(kafka, connection)))
                .orElseGet(() -> new KafkaBinderConfigurationProperties(kafka, connection));
        Map<String, Object> producer = new HashMap<>(binder.mergedProducerConfiguration());
        producer.putIfAbsent(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, binder.getKafkaConnectionString());
        producer.putIfAbsent(ProducerConfig.ACKS_CONFIG, binder.getRequiredAcks());
        producer.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "otp-dispatcher-reports");
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        Map<String, Object> consumer = new HashMap<>(binder.mergedConsumerConfiguration());
        consumer.putIfAbsent(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, binder.getKafkaConnectionString());
        return new ReportClients(Collections.unmodifiableMap(producer), Collections.unmodifiableMap(consumer));
    }

    @Bean
    DeliveryReports kafkaDeliveryReports(Producer<String, byte[]> reportProducer, ReportClients clients,
                                         EventCodec codec, DispatcherMetrics metrics, Workers workers, Clock clock) {
        return new KafkaDeliveryReports(reportProducer, clients.publishWait(), codec, metrics, workers, clock);
    }

    /** Closed after the deliveries have stopped (beans are destroyed after lifecycles), flushing what is in flight for a second. */
    @Bean(destroyMethod = "")
    Producer<String, byte[]> reportProducer(ReportClients clients) {
        return new KafkaProducer<>(clients.producer());
    }

    @Bean
    AutoCloseable reportProducerCloser(Producer<String, byte[]> reportProducer) {
        return () -> reportProducer.close(Duration.ofSeconds(1));
    }

    /** Reads the report topic with the binder's own connection settings (brokers, security). */
    @Bean
    ReportLog reportLog(ReportClients clients) {
        return new KafkaReportLog(clients.consumer());
    }
}
