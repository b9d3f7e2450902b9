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
import java.util.HashMap;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
class ReportConfiguration {

    /** The producer's own delivery timeout, and 5 s more: a publish is tried again only once the producer gave it up. */
    private static final Duration PAST_DELIVERY_TIMEOUT = Duration.ofSeconds(5);
    private static final long KAFKA_DEFAULT_DELIVERY_TIMEOUT_MS = 120_000;

    @Bean
    DeliveryReports kafkaDeliveryReports(Producer<String, byte[]> reportProducer, Environment environment,
                                         KafkaProperties kafka, ObjectProvider<KafkaConnectionDetails> connection,
                                         EventCodec codec, DispatcherMetrics metrics, Workers workers, Clock clock) {
        Object configured = binderSettings(environment, kafka, connection).mergedProducerConfiguration()
                .get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        long deliveryTimeoutMs = configured == null ? KAFKA_DEFAULT_DELIVERY_TIMEOUT_MS : Long.parseLong(configured.toString());
        return new KafkaDeliveryReports(reportProducer, Duration.ofMillis(deliveryTimeoutMs).plus(PAST_DELIVERY_TIMEOUT),
                codec, metrics, workers, clock);
    }

    /**
     * The reports' producer, set as the binder sets its own ({@code spring.cloud.stream.kafka.binder.brokers},
     * {@code .configuration.*}, {@code .producer-properties.*}, {@code .required-acks}). Closed after the
     * deliveries have stopped (beans are destroyed after lifecycles), flushing what is in flight for a second.
     */
    @Bean(destroyMethod = "")
    Producer<String, byte[]> reportProducer(Environment environment, KafkaProperties kafka,
                                            ObjectProvider<KafkaConnectionDetails> connection) {
        KafkaBinderConfigurationProperties binder = binderSettings(environment, kafka, connection);
        Map<String, Object> config = new HashMap<>(binder.mergedProducerConfiguration());
        config.putIfAbsent(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, binder.getKafkaConnectionString());
        config.putIfAbsent(ProducerConfig.ACKS_CONFIG, binder.getRequiredAcks());
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "otp-dispatcher-reports");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(config);
    }

    @Bean
    AutoCloseable reportProducerCloser(Producer<String, byte[]> reportProducer) {
        return () -> reportProducer.close(Duration.ofSeconds(1));
    }

    /** Reads the report topic with the binder's own connection settings (brokers, security). */
    @Bean
    ReportLog reportLog(Environment environment, KafkaProperties kafka, ObjectProvider<KafkaConnectionDetails> connection) {
        KafkaBinderConfigurationProperties binder = binderSettings(environment, kafka, connection);
        Map<String, Object> config = new HashMap<>(binder.mergedConsumerConfiguration());
        config.putIfAbsent(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, binder.getKafkaConnectionString());
        return new KafkaReportLog(config);
    }

    /** {@code spring.cloud.stream.kafka.binder.*}, bound here as the binder binds it in its own context. */
    private static KafkaBinderConfigurationProperties binderSettings(Environment environment, KafkaProperties kafka,
                                                                     ObjectProvider<KafkaConnectionDetails> connection) {
        return Binder.get(environment).bind("spring.cloud.stream.kafka.binder",
                Bindable.ofInstance(new KafkaBinderConfigurationProperties(kafka, connection)))
                .orElseGet(() -> new KafkaBinderConfigurationProperties(kafka, connection));
    }
}
