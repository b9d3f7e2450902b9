package io.phonegate.gateway.limits;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The limits feature: its settings, the Redis stores behind each decision, the entry points the
 * flows call ({@link Admission}, {@link WrongAnswers}), the client address and the per-address rate on
 * {@code /v1/*} (servlet filters, before any body is read), and the store's readiness check.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LimitSettings.class, ClientIpSettings.class, StoreKeySettings.class})
public class LimitsConfig {

    /** Right after the metrics and security headers (which must see every answer), before the body is read. */
    static final int CLIENT_ADDRESS_ORDER = Ordered.HIGHEST_PRECEDENCE + 4;
    static final int CLIENT_IP_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

    /**
     * A command never waits in a buffer for a dead server: it fails at once while disconnected (the
     * decision's policy applies), and the client reconnects by itself when the server is back.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastStore() {
        return options -> options.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /**
     * No per-command latency statistics in Lettuce (on by default wherever LatencyUtils is on the classpath, as
     * Micrometer brings it): nothing reads them, and recording them cost an id and a histogram update on every
     * command. The store's decisions are timed by {@code StoreCalls}.
     */
    @Bean
    ClientResourcesBuilderCustomizer noCommandLatencyStatistics() {
        return resources -> resources.commandLatencyRecorder(CommandLatencyRecorder.disabled());
    }

    /**
     * Reconnect attempts back off to at most one a second (Lettuce's default grows to 30 s), so the
     * gateway is back within about a second of the store, however long the outage was.
     */
    @Bean
    ClientResourcesBuilderCustomizer quickStoreReconnect() {
        return resources -> resources.reconnectDelay(
                Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
    }

    @Bean
    StoreKeys storeKeys(StoreKeySettings settings, Environment environment) {
        String clientSecret = environment.getProperty("phonegate.cognito.client-secret", "");
        if (settings.subjectKey().isBlank() && clientSecret.isBlank()) {
            throw new IllegalStateException("set PHONEGATE_STORE_SUBJECT_KEY (or the app client's secret it is "
                    + "derived from): the store's keys are named by it");
        }
        return StoreKeys.from(settings.subjectKey(), clientSecret);
    }

    @Bean
    StoreCalls storeCalls(MeterRegistry meters, LimitSettings settings) {
        return new StoreCalls(meters, settings.store());
    }

    @Bean
    EdgeRefusals edgeRefusals(MeterRegistry meters) {
        return new EdgeRefusals(meters);
    }

    @Bean
    public Admission admission(StringRedisTemplate redis, StoreKeys keys, StoreCalls calls, EdgeRefusals refusals,
                               LimitSettings settings, Clock clock) {
        return new Admission(new RedisAdmissionStore(redis, settings), keys, calls, refusals, settings, clock);
    }

    @Bean
    public WrongAnswers wrongAnswers(StringRedisTemplate redis, StoreKeys keys, StoreCalls calls,
                                     EdgeRefusals refusals, LimitSettings settings, Clock clock) {
        return new WrongAnswers(new RedisWrongAnswerLedger(redis, settings.wrongAnswersPerDay()), keys, calls,
                refusals, settings, clock);
    }

    /**
     * The client address, decided once for every path (see {@link ClientAddress}); before the limit and
     * before anything that logs. Orders: {@link #CLIENT_ADDRESS_ORDER} then {@link #CLIENT_IP_LIMIT_ORDER},
     * both before the filter that reads request bodies.
     */
    @Bean
    FilterRegistrationBean<ClientAddressFilter> clientAddressFilter(ClientIpSettings settings) {
        FilterRegistrationBean<ClientAddressFilter> registration =
                new FilterRegistrationBean<>(new ClientAddressFilter(new ClientAddress(settings)));
        registration.setOrder(CLIENT_ADDRESS_ORDER);
        return registration;
    }

    /** The per-address rate on {@code /v1/*}, before the body is read, so a flood costs no parsing and no thread. */
    @Bean
    FilterRegistrationBean<ClientIpLimitFilter> clientIpLimitFilter(
            StringRedisTemplate redis, StoreKeys keys, StoreCalls calls, EdgeRefusals refusals, LimitSettings settings,
            Clock clock, RateLimitAnswer refusal) {
        ClientIpLimit limit = new ClientIpLimit(new RedisClientIpBuckets(redis, settings.clientIpRequestsPerMinute()),
                keys, calls, refusals, clock);
        FilterRegistrationBean<ClientIpLimitFilter> registration =
                new FilterRegistrationBean<>(new ClientIpLimitFilter(limit, refusal));
        registration.addUrlPatterns("/v1/*");
        registration.setOrder(CLIENT_IP_LIMIT_ORDER);
        return registration;
    }

    /** Named {@code redis}: the readiness group lists it (Boot's own Redis indicator is switched off). */
    @Bean("redis")
    HealthIndicator redisHealthIndicator(RedisConnectionFactory connections, LimitSettings settings) {
        return new RedisHealthIndicator(connections, settings.store().healthCacheFor());
    }
}
