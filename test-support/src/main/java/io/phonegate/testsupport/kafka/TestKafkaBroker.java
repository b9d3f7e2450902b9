package io.phonegate.testsupport.kafka;

/** A running Kafka broker that a test run owns. */
public interface TestKafkaBroker extends AutoCloseable {

    String bootstrapServers();

    /** Stops the broker and removes its data. */
    @Override
    void close();
}
