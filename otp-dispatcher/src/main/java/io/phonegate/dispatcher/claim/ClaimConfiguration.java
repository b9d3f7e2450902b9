package io.phonegate.dispatcher.claim;

import io.phonegate.dispatcher.DispatcherProperties;
import io.phonegate.dispatcher.sms.SnsProperties;
import io.phonegate.dispatcher.store.StoreCalls;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class ClaimConfiguration {

    /**
     * @throws IllegalStateException when the lease is not at least twice one SNS call: a holder
     *         whose call is still under way must never look dead
     */
    @Bean
    SendClaims sendClaims(StringRedisTemplate redis, StoreCalls calls, DispatcherProperties properties, SnsProperties sns) {
        DispatcherProperties.Claims claims = properties.claims();
        if (claims.lease().compareTo(sns.callTimeout().multipliedBy(2)) < 0) {
            throw new IllegalStateException("phonegate.dispatcher.claims.lease (" + claims.lease()
                    + ") must be at least twice phonegate.sns.call-timeout (" + sns.callTimeout()
                    + "), or a claim could be taken over while its SNS call is still under way");
        }
        return new RedisSendClaims(redis, calls, claims.lease(), claims.retention(), claims.requireAdmission(),
                claims.answerWindow());
    }
}
