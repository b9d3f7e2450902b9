package io.phonegate.testsupport.kafka;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.util.Map;

/** spring-kafka-test's in-process KRaft broker (combined controller and broker) on a free port. */
public final class EmbeddedKraftBroker implements TestKafkaBroker {

    /** Topics the services create get this many partitions, so keyed ordering is really exercised. */
    public static final int DEFAULT_PARTITIONS = 3;

    private final EmbeddedKafkaKraftBroker broker;

    public EmbeddedKraftBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, DEFAULT_PARTITIONS);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", String.valueOf(DEFAULT_PARTITIONS),
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "5"));
        broker.afterPropertiesSet();
    }

    @Override
    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
