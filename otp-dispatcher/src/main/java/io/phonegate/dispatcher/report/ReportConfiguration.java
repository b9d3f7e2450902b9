package io.phonegate.dispatcher.report;

import io.phonegate.common.event.EventCodec;
import io.phonegate.dispatcher.Workers;
import io.phonegate.dispatcher.metrics.DispatcherMetrics;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class ReportConfiguration {

    /** Not named "deliveryReports": that is the output binding's channel bean. */
    @Bean
    DeliveryReports kafkaDeliveryReports(StreamBridge bridge, EventCodec codec, DispatcherMetrics metrics, Workers workers,
                                      Clock clock) {
        return new KafkaDeliveryReports(bridge, codec, metrics, workers, clock);
    }
}
