package io.phonegate.dispatcher.store;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.phonegate.testsupport.redis.RealRedisExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;

/**
 * A client of the test run's real {@code redis-server} ({@code @RealRedis}), configured as the
 * dispatcher's is (commands refused while disconnected, quick reconnects), for tests of the store
 * code without a Spring context. Its timeout is longer than the dispatcher's half second: these
 * tests check what the scripts decide, on a machine that may be loaded; the application's own
 * timeouts are tested with the application.
 */
public final class TestRedis implements AutoCloseable {

    private final ClientResources resources;
    private final LettuceConnectionFactory factory;
    private final StringRedisTemplate template;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private TestRedis(int port) {
        resources = ClientResources.builder().reconnectDelay(StoreConfiguration.RECONNECT_DELAY).build();
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .clientResources(resources)
                .commandTimeout(Duration.ofSeconds(5))
                .clientOptions(ClientOptions.builder()
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build())
                .build();
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port), client);
        factory.afterPropertiesSet();
        factory.start();
        template = new StringRedisTemplate(factory);
    }

    /** Connects to the server of {@code @RealRedis}; call from a class annotated with it. */
    public static TestRedis connect() {
        return new TestRedis(RealRedisExtension.server().port());
    }

    public StringRedisTemplate template() {
        return template;
    }

    /** Store calls counted into a registry of this client's own. */
    public StoreCalls calls() {
        return new StoreCalls(meters);
    }

    public SimpleMeterRegistry meters() {
        return meters;
    }

    @Override
    public void close() {
        factory.destroy();
        resources.shutdown();
    }
}
