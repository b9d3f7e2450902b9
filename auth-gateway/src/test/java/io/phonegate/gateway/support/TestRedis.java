package io.phonegate.gateway.support;

import io.phonegate.testsupport.redis.RedisServer;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** A plain Spring Data client on a test's {@link RedisServer}, for tests that call the stores or look at keys. */
public final class TestRedis implements AutoCloseable {

    private static final org.springframework.data.redis.core.script.RedisScript<Long> MEMORY_USAGE =
            org.springframework.data.redis.core.script.RedisScript.of(
                    "return redis.call('MEMORY', 'USAGE', KEYS[1], 'SAMPLES', '0') or 0", Long.class);

    private final LettuceConnectionFactory connections;
    private final StringRedisTemplate template;

    private TestRedis(RedisServer server) {
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", server.port()));
        connections.afterPropertiesSet();
        connections.start();
        template = new StringRedisTemplate(connections);
        template.afterPropertiesSet();
    }

    public static TestRedis on(RedisServer server) {
        return new TestRedis(server);
    }

    public StringRedisTemplate template() {
        return template;
    }

    /** Milliseconds the key has left ({@code PTTL}): -2 when there is no key, -1 when it never expires. */
    public long pttl(String key) {
        return template.execute((org.springframework.data.redis.core.RedisCallback<Long>) connection ->
                connection.keyCommands().pTtl(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Bytes the key takes in the server ({@code MEMORY USAGE key SAMPLES 0}), 0 when there is none. */
    public long memoryUsage(String key) {
        Long bytes = template.execute(MEMORY_USAGE, java.util.List.of(key));
        return bytes == null ? 0 : bytes;
    }

    /** {@code EVALSHA} and {@code EVAL} calls the server answered so far ({@code INFO commandstats}): one per decision. */
    public long scriptCalls() {
        java.util.Properties stats = template.execute((org.springframework.data.redis.core.RedisCallback<java.util.Properties>)
                connection -> connection.serverCommands().info("commandstats"));
        long calls = 0;
        for (String name : new String[] {"cmdstat_evalsha", "cmdstat_eval"}) {
            String value = stats.getProperty(name);
            if (value != null) {
                int at = value.indexOf("calls=");
                calls += Long.parseLong(value.substring(at + 6, value.indexOf(',', at)));
            }
        }
        return calls;
    }

    @Override
    public void close() {
        connections.destroy();
    }
}
