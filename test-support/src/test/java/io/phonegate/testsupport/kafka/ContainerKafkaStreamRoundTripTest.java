package io.phonegate.testsupport.kafka;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same round trip on Apache Kafka's official image through Testcontainers. Skipped
 * cleanly where no Docker engine runs (as on our build machines).
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = StreamRoundTripApp.class, properties = StreamRoundTripContract.PROPERTIES)
class ContainerKafkaStreamRoundTripTest extends StreamRoundTripContract {

    private static ContainerKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new ContainerKafkaBroker();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @DynamicPropertySource
    static void brokerAddress(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.stream.kafka.binder.brokers", () -> broker.bootstrapServers());
    }
}
