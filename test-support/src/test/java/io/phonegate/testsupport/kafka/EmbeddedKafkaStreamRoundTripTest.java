package io.phonegate.testsupport.kafka;

import org.springframework.boot.test.context.SpringBootTest;

/** The round trip on spring-kafka-test's in-process KRaft broker. */
@RealKafka
@SpringBootTest(classes = StreamRoundTripApp.class, properties = StreamRoundTripContract.PROPERTIES)
class EmbeddedKafkaStreamRoundTripTest extends StreamRoundTripContract {
}
