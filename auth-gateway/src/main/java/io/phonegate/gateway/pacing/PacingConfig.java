package io.phonegate.gateway.pacing;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The answer floors and the scheduler that keeps them without holding request threads. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PacingSettings.class)
public class PacingConfig {

    @Bean
    public ResponseFloors responseFloors(PacingSettings settings, MeterRegistry meters) {
        return new ResponseFloors(settings, meters);
    }

    @Bean(destroyMethod = "close")
    public Pacer pacer() {
        return new Pacer();
    }
}
