package io.phonegate.gateway.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.gateway.limits.StoreCalls;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Clock;

/** The delivery status: the shared store of deliveries and the answers built from it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryStatusSettings.class)
public class DeliveryConfig {

    @Bean
    public DeliveryStatuses deliveryStatuses(StringRedisTemplate redis, StoreCalls calls, DeliveryStatusSettings settings,
                                             MeterRegistry meters, Clock clock) {
        return new DeliveryStatuses(new RedisDeliveryStore(redis), calls, settings, meters, clock);
    }
}
