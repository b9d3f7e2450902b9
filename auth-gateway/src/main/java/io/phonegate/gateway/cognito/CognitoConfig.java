package io.phonegate.gateway.cognito;

import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.common.answer.AnswerSignatures;
import io.phonegate.common.keys.KeyRing;
import io.phonegate.common.timeouts.CallTimeouts;
import io.phonegate.gateway.config.AwsProperties;
import io.phonegate.gateway.config.CognitoProperties;
import io.phonegate.gateway.config.GatewayProperties;
import io.phonegate.gateway.shedding.SheddingSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/** The SDK client (endpoint override when configured) and the {@link UserPool} on it. */
@Configuration(proxyBeanMethods = false)
class CognitoConfig {

    /** Connections beyond one per request in progress: the pool self-check's calls. */
    private static final int SPARE_CONNECTIONS = 4;

    /** Each call's timeout, dropped from its queue as the call returns. */
    @Bean(destroyMethod = "close")
    CallTimeouts cognitoCallTimeouts() {
        return new CallTimeouts("cognito-call-timeouts");
    }

    /**
     * Calls go over a pool of kept-alive connections sized to the requests in progress (each holds at most
     * one connection at a time) plus a few for the pool self-check, so a call under load reuses a connection
     * instead of opening one (on AWS, a TLS handshake each).
     */
    @Bean(destroyMethod = "close")
    CognitoIdentityProviderClient cognitoClient(CognitoProperties cognito, AwsProperties aws, GatewayProperties gateway,
                                                SheddingSettings shedding, CallTimeouts cognitoCallTimeouts) {
        Duration timeout = gateway.cognito().callTimeout();
        CognitoIdentityProviderClientBuilder builder = CognitoIdentityProviderClient.builder()
                .region(Region.of(aws.region()))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(shedding.maxInProgress() + SPARE_CONNECTIONS)
                        .connectionTimeout(Duration.ofMillis(Math.min(1000, timeout.toMillis())))
                        .connectionAcquisitionTimeout(timeout)
                        .socketTimeout(timeout)
                        .expectContinueEnabled(false)
                        .tcpKeepAlive(true))
                .overrideConfiguration(c -> c
                        .apiCallTimeout(timeout)
                        .scheduledExecutorService(cognitoCallTimeouts.scheduler())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(gateway.cognito().maxAttempts()).build()));
        if (cognito.endpoint() != null && !cognito.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(cognito.endpoint()));
        }
        return builder.build();
    }

    @Bean
    PoolSettingsReader poolSettingsReader(CognitoIdentityProviderClient cognitoClient, CognitoProperties cognito) {
        return new PoolSettingsReader(cognitoClient, cognito);
    }

    @Bean
    UserPool userPool(CognitoIdentityProviderClient cognitoClient, CognitoProperties cognito,
                      PoolSettingsReader poolSettingsReader, MeterRegistry meters, KeyRing answerKeys, Clock clock) {
        return new CognitoUserPool(cognitoClient, cognito, poolSettingsReader, meters, AnswerSignatures.of(answerKeys),
                clock);
    }
}
