package io.phonegate.dispatcher.message;

import io.phonegate.common.seal.CodeSeal;
import io.phonegate.dispatcher.DispatcherProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MessageConfiguration {

    /** Fails the start when a text cannot fit one SMS part with this host (and app hash). */
    @Bean
    SmsTemplates smsTemplates(DispatcherProperties dispatcher) {
        return new SmsTemplates(dispatcher.otpHost(), dispatcher.androidAppHash());
    }

    /** Fails the start with CodeSeal's own words when the keys are malformed (they never appear in it). */
    @Bean
    CodeMessages codeMessages(SealProperties seal, SmsTemplates templates) {
        return new CodeMessages(CodeSeal.fromConfig(seal.keys(), seal.sealingKeyId()), templates);
    }
}
