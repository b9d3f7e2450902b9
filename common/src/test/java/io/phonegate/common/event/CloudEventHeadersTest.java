package io.phonegate.common.event;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CloudEventHeadersTest {

    @Test
    void canonicalNamesAreReadBackUnderTheirKafkaNames() {
        Map<String, Object> headers = CloudEventHeaders.withKafkaNames(Map.of("ce-type", "phonegate.otp.requested.v1",
                "ce-id", "1", "kafka_receivedTopic", "t"));
        assertThat(headers).containsEntry("ce_type", "phonegate.otp.requested.v1").containsEntry("ce_id", "1")
                .containsEntry("kafka_receivedTopic", "t").doesNotContainKeys("ce-type", "ce-id");
    }

    @Test
    void kafkaNameWinsWhereBothArePresent() {
        assertThat(CloudEventHeaders.withKafkaNames(Map.of("ce_type", "kafka", "ce-type", "canonical")))
                .containsEntry("ce_type", "kafka").hasSize(1);
    }

    @Test
    void recordRenamedBySpringCloudFunctionStillDecodes() {
        EventCodec codec = new EventCodec();
        Map<String, Object> renamed = Map.of("ce-type", EventType.USER_REAPED.type());
        assertThat(codec.decode(CloudEventHeaders.withKafkaNames(renamed), codec.toJson(SampleEvents.USER_REAPED)))
                .contains(SampleEvents.USER_REAPED);
    }
}
