package io.phonegate.dispatcher.store;

import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.phonegate.testsupport.redis.RealRedisExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;

/**
 * A client of the test run's real {@code redis-server} ({@code @RealRedis}), configured as the
 * dispatcher's is (short timeouts, commands refused while disconnected), for tests of the store
 * code without a Spring context.
 */
public final class TestRedis implements AutoCloseable {

    private final LettuceConnectionFactory factory;
    private final StringRedisTemplate template;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private TestRedis(int port) {
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .commandTimeout(Duration.ofMillis(500))
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
    }
}
