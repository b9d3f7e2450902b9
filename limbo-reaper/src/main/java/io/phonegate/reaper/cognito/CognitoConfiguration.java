package io.phonegate.reaper.cognito;

import io.phonegate.reaper.ReaperMetrics;
import io.phonegate.reaper.ReaperProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;

import java.net.URI;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class CognitoConfiguration {

    /**
     * The sync client over the JDK's URL connection. No SDK retries: {@link CognitoCalls} backs
     * off itself, and two stacked retry loops would multiply the calls made while throttled.
     * Credentials come from the default chain.
     */
    @Bean
    CognitoIdentityProviderClient cognitoIdentityProviderClient(CognitoProperties cognito, AwsProperties aws) {
        CognitoIdentityProviderClientBuilder builder = CognitoIdentityProviderClient.builder()
                .region(Region.of(aws.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10)))
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (StringUtils.hasText(cognito.endpoint())) {
            builder.endpointOverride(URI.create(cognito.endpoint()));
        }
        return builder.build();
    }

    @Bean
    UserDirectory userDirectory(CognitoIdentityProviderClient client, CognitoProperties cognito,
                                ReaperProperties reaper, ReaperMetrics metrics, PoolSelfCheck pool) {
        CognitoCalls calls = new CognitoCalls(new CallRateLimiter(reaper.cognitoRate()),
                CognitoCalls.BackOff.DEFAULT, metrics);
        return new CognitoUserDirectory(client, calls, cognito.userPoolId(), pool, metrics);
    }
}
