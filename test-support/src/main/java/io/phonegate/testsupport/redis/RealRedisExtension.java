package io.phonegate.testsupport.redis;

import io.phonegate.testsupport.FreePorts;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts one {@link RedisServer} per test JVM on first use and keeps it in JUnit's root store,
 * which closes it when the run ends. See {@link RealRedis}.
 */
public final class RealRedisExtension implements BeforeAllCallback {

    public static final String URL_PROPERTY = "spring.data.redis.url";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealRedisExtension.class);
    private static volatile RedisServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        RedisServer started = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Started.class, key -> Started.start(), Started.class).server();
        server = started;
        if (!started.isRunning()) {
            started.restart();
        }
        started.flushAll();
        System.setProperty(URL_PROPERTY, started.url());
    }

    /** The server of this test run; call it from a class annotated {@link RealRedis}. */
    public static RedisServer server() {
        if (server == null) {
            throw new IllegalStateException("no redis-server yet: annotate the test class with @RealRedis");
        }
        return server;
    }

    /** The server and its scratch folder, both gone when JUnit closes the root store. */
    private record Started(RedisServer server, Path dir) implements AutoCloseable {

        static Started start() {
            try {
                Path dir = Files.createTempDirectory("phonegate-redis-");
                return new Started(RedisServer.start(FreePorts.next(), dir.resolve("redis.log")), dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
