package io.phonegate.dispatcher.ratelimit;

import io.phonegate.dispatcher.DispatcherProperties;
import io.phonegate.dispatcher.store.StoreCalls;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class PacingConfiguration {

    @Bean
    SendPacing sendPacing(StringRedisTemplate redis, StoreCalls calls, DispatcherProperties properties) {
        return new RedisSendPacing(redis, calls, Gcra.of(properties.pacing()));
    }
}
