package io.phonegate.testsupport.kafka;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one broker per test JVM on first use and keeps it in JUnit's root store, which
 * closes it when the run ends. See {@link RealKafka}.
 */
public final class RealKafkaExtension implements BeforeAllCallback {

    /** {@code embedded} (default) or {@code testcontainers}. */
    public static final String BROKER_KIND_PROPERTY = "phonegate.test.kafka";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealKafkaExtension.class);
    private static volatile String bootstrapServers;

    @Override
    public void beforeAll(ExtensionContext context) {
        boolean containers = "testcontainers".equalsIgnoreCase(System.getProperty(BROKER_KIND_PROPERTY, "embedded"));
        if (containers) {
            Assumptions.assumeTrue(ContainerKafkaBroker.dockerAvailable(),
                    "no Docker engine here: Testcontainers Kafka tests are skipped");
        }
        TestKafkaBroker broker = context.getRoot().getStore(NAMESPACE).computeIfAbsent(TestKafkaBroker.class,
                key -> containers ? new ContainerKafkaBroker() : new EmbeddedKraftBroker(), TestKafkaBroker.class);
        bootstrapServers = broker.bootstrapServers();
        System.setProperty("spring.cloud.stream.kafka.binder.brokers", bootstrapServers);
        System.setProperty("spring.kafka.bootstrap-servers", bootstrapServers);
    }

    /** The address of the broker of this test run; call it from a class annotated {@link RealKafka}. */
    public static String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("no broker yet: annotate the test class with @RealKafka");
        }
        return bootstrapServers;
    }
}
