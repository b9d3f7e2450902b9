package io.phonegate.testsupport.kafka;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the annotated test class a real Kafka broker: one per test JVM, started on first
 * use on a free port and stopped when the test run ends.
 *
 * <p>The broker's address is published as the system properties
 * {@code spring.cloud.stream.kafka.binder.brokers} and {@code spring.kafka.bootstrap-servers}
 * before any Spring context starts, and by {@link RealKafkaExtension#bootstrapServers()}.
 *
 * <p>Which broker: the in-process KRaft broker from spring-kafka-test by default;
 * Testcontainers' Kafka with {@code -Dphonegate.test.kafka=testcontainers}, where tests
 * skip cleanly if no Docker engine runs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealKafkaExtension.class)
public @interface RealKafka {
}
