package io.phonegate.dispatcher;

import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.common.event.EventCodec;
import io.phonegate.dispatcher.metrics.DispatcherMetrics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class DispatcherConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    DispatcherMetrics dispatcherMetrics(MeterRegistry registry) {
        return new DispatcherMetrics(registry);
    }

    /** Stopped after the input binding and before the store and the output bindings (see {@link Workers#PHASE}). */
    @Bean(destroyMethod = "close")
    Workers workers(DispatcherProperties properties) {
        return new Workers(properties.maxInFlight());
    }
}
