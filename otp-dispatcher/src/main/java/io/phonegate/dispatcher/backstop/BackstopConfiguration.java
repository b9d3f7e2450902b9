package io.phonegate.dispatcher.backstop;

import io.phonegate.common.store.PhoneSubject;
import io.phonegate.dispatcher.DispatcherProperties;
import io.phonegate.dispatcher.message.SealProperties;
import io.phonegate.dispatcher.store.StoreCalls;
import io.phonegate.dispatcher.store.StoreProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class BackstopConfiguration {

    /** The store's names for phone numbers: {@code phonegate.store.subject-key}, else derived from the sealing key. */
    @Bean
    PhoneSubject phoneSubject(StoreProperties store, SealProperties seal) {
        byte[] key = store.subjectKeyBytes();
        return key != null ? PhoneSubject.withKey(key) : PhoneSubject.derivedFrom(seal.sealingKeyBytes(), "otp-dispatcher store subject");
    }

    @Bean
    Backstop backstop(DispatcherProperties properties, StringRedisTemplate redis, StoreCalls calls, PhoneSubject subjects) {
        DispatcherProperties.Backstop settings = properties.backstop();
        return new Backstop(settings, new RedisNumberCap(redis, calls, subjects, settings.numberDailyCap()));
    }
}
