package io.phonegate.testsupport.kafka;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** Apache Kafka's official image in KRaft mode, through Testcontainers. Needs a Docker engine. */
public final class ContainerKafkaBroker implements TestKafkaBroker {

    public static final String IMAGE = "apache/kafka:4.1.1";

    private final KafkaContainer container;

    public ContainerKafkaBroker() {
        container = new KafkaContainer(IMAGE)
                .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(EmbeddedKraftBroker.DEFAULT_PARTITIONS))
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
    }

    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
