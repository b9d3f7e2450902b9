package io.phonegate.dispatcher.sms;

import io.phonegate.common.timeouts.CallTimeouts;
import io.phonegate.dispatcher.DispatcherProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

import java.net.URI;

@Configuration(proxyBeanMethods = false)
class SnsConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SnsConfiguration.class);

    /** Each send's timeout, dropped from its queue as the send returns. */
    @Bean(destroyMethod = "close")
    CallTimeouts snsCallTimeouts() {
        return new CallTimeouts("sns-call-timeouts");
    }

    /**
     * The SDK's own retries are off: the dispatcher retries with its own back-off, bounded by
     * each code's expiry, and SDK retries inside each of those would multiply the calls.
     * One pooled connection per in-flight send, so sends never queue for a connection.
     */
    @Bean(destroyMethod = "close")
    SnsClient snsClient(SnsProperties sns, AwsProperties aws, DispatcherProperties dispatcher,
                        CallTimeouts snsCallTimeouts) {
        SnsClientBuilder builder = SnsClient.builder()
                .region(Region.of(aws.region()))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(dispatcher.maxInFlight())
                        .connectionTimeout(sns.callTimeout())
                        .socketTimeout(sns.callTimeout()))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(sns.callTimeout())
                        .scheduledExecutorService(snsCallTimeouts.scheduler()));
        if (sns.endpoint() != null && !sns.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(sns.endpoint().strip()));
        }
        return builder.build();
    }

    /** Fails the start when a DLT country lacks an id, naming each with the exact text to register. */
    @Bean
    CountrySenders countrySenders(DispatcherProperties dispatcher, SmsTexts texts, AwsProperties aws) {
        CountrySenders senders = new CountrySenders(dispatcher, texts);
        senders.warnings(aws.region(), dispatcher.backstop().allowedCountries()).forEach(LOG::warn);
        return senders;
    }

    @Bean
    SmsSender smsSender(SnsClient snsClient, CountrySenders senders) {
        return new SnsSmsSender(snsClient, senders);
    }
}
