package io.phonegate.dispatcher.store;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.dispatcher.Workers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    /** From 50 ms, doubling, at most a second apart. */
    static final Delay RECONNECT_DELAY = Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS);

    /**
     * Fail fast: while the connection is down a command is refused at once instead of waiting in
     * Lettuce's buffer (and being replayed later, perhaps twice); the client reconnects by itself.
     * With {@code spring.data.redis.timeout} every call answers or fails within half a second.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastRedisClient() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .autoReconnect(true);
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
     * Reconnect within a second of the store coming back: Lettuce's default delay grows to 30 s, and
     * the dispatcher sends nothing until it reconnects.
     */
    @Bean
    ClientResourcesBuilderCustomizer quickRedisReconnect() {
        return resources -> resources.reconnectDelay(RECONNECT_DELAY);
    }

    @Bean
    StoreCalls storeCalls(MeterRegistry registry) {
        return new StoreCalls(registry);
    }

    @Bean
    StoreProbe redisPing(RedisConnectionFactory redis) {
        return () -> {
            try (RedisConnection connection = redis.getConnection()) {
                return "PONG".equalsIgnoreCase(connection.ping());
            }
        };
    }

    @Bean
    StoreOutage storeOutage(StoreProbe probe, Workers workers, ObjectProvider<StoreOutage.Listener> listeners) {
        return new StoreOutage(probe, workers, listeners.orderedStream().toList());
    }

    /** Named so it replaces Boot's own {@code redis} indicator (an INFO call, not cached). */
    @Bean
    HealthIndicator redisHealthIndicator(StoreProbe probe, StoreOutage outage, Clock clock) {
        return new RedisHealth(probe, outage, clock);
    }
}
