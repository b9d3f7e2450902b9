package io.phonegate.gateway.delivery;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryTest {

    private static final Instant AT = Instant.parse("2026-11-24T10:00:01.234Z");

    @Test
    void aDeliveryIsWrittenAndReadBackAsText() {
        assertThat(new Delivery(null, AT).text()).isEqualTo("sent|" + AT.toEpochMilli());
        assertThat(Delivery.parse(new Delivery(null, AT).text())).isEqualTo(new Delivery(null, AT));
        assertThat(Delivery.parse(new Delivery(FailureReason.TOO_MANY_CODES, AT).text()))
                .isEqualTo(new Delivery(FailureReason.TOO_MANY_CODES, AT));
    }

    @Test
    void aReasonOfALaterVersionReadsAsNotSentAndJunkIsRefused() {
        assertThat(Delivery.parse("failed:some_new_reason|1").failure()).isEqualTo(FailureReason.NOT_SENT);
        assertThatThrownBy(() -> Delivery.parse("sent")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Delivery.parse("queued|1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Delivery.parse("sent|soon")).isInstanceOf(IllegalArgumentException.class);
    }
}
