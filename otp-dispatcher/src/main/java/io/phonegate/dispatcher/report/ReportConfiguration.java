package io.phonegate.dispatcher.report;

import io.phonegate.common.event.EventCodec;
import io.phonegate.dispatcher.Workers;
import io.phonegate.dispatcher.metrics.DispatcherMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBinderConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
class ReportConfiguration {

    /** Not named "deliveryReports": that is the output binding's channel bean. */
    @Bean
    DeliveryReports kafkaDeliveryReports(StreamBridge bridge, EventCodec codec, DispatcherMetrics metrics, Workers workers,
                                      Clock clock) {
        return new KafkaDeliveryReports(bridge, codec, metrics, workers, clock);
    }

    /**
     * Reads the report topic with the binder's own connection settings (brokers, security), bound
     * here from {@code spring.cloud.stream.kafka.binder.*} as the binder binds them in its own context.
     */
    @Bean
    ReportLog reportLog(Environment environment, KafkaProperties kafka, ObjectProvider<KafkaConnectionDetails> connection) {
        KafkaBinderConfigurationProperties binder = Binder.get(environment).bind("spring.cloud.stream.kafka.binder",
                Bindable.ofInstance(new KafkaBinderConfigurationProperties(kafka, connection)))
                .orElseGet(() -> new KafkaBinderConfigurationProperties(kafka, connection));
        Map<String, Object> config = new HashMap<>(binder.mergedConsumerConfiguration());
        config.putIfAbsent(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, binder.getKafkaConnectionString());
        return new KafkaReportLog(config);
    }
}
