package io.phonegate.testsupport.redis;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the annotated test class a real {@code redis-server}: one per test JVM, started on
 * first use on a free port and stopped when the test run ends. Every key is deleted before
 * each annotated class, so classes do not see each other's counters.
 *
 * <p>The server's address is published as the system property {@code spring.data.redis.url}
 * before any Spring context starts, and by {@link RealRedisExtension#server()}.
 * A missing {@code redis-server} fails the test with how to install it: a test that claims to
 * test limits never runs against a stand-in.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealRedisExtension.class)
public @interface RealRedis {
}
