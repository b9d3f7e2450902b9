package io.phonegate.gateway.config;

import io.phonegate.common.keys.KeyRing;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The answer keys, read once: the Cognito adapter signs answers with them, the challenge handles derive their key. */
@Configuration(proxyBeanMethods = false)
public class AnswerKeysConfig {

    @Bean
    public KeyRing answerKeys(AnswerKeyProperties properties) {
        return properties.keyRing();
    }
}
