package io.phonegate.gateway.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** The consumer of the dispatcher's reports, bound as {@code deliveryReports-in-0} ({@code spring.cloud.function.definition}). */
@Configuration(proxyBeanMethods = false)
public class DeliveryReportsConfig {

    @Bean
    Consumer<Message<byte[]>> deliveryReports(DeliveryStatuses statuses, StreamBridge bridge, MeterRegistry meters,
                                              DeliveryStatusSettings settings) {
        return new DeliveryReportsConsumer(statuses, new DeliveryDeadLetters(bridge, meters), settings.storeRetry());
    }
}
