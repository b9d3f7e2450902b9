package io.phonegate.gateway.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link DeliveryStore} does, in memory and in Redis alike. */
abstract class DeliveryStoreContract {

    static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    abstract DeliveryStore store();

    @Test
    void aDeliveryIsReadBackByItsChallengeOnly() {
        DeliveryStore store = store();
        Delivery failed = new Delivery(FailureReason.CANNOT_RECEIVE_SMS, AT);

        store.put("AAAAAAAAAAAAAAAAAAAAAA", failed, Duration.ofMinutes(15));

        assertThat(store.get("AAAAAAAAAAAAAAAAAAAAAA")).contains(failed);
        assertThat(store.get("BBBBBBBBBBBBBBBBBBBBBB")).isEmpty();
    }

    @Test
    void aLaterReportOfTheSameChallengeReplacesTheEarlierOne() {
        DeliveryStore store = store();
        store.put("CCCCCCCCCCCCCCCCCCCCCC", new Delivery(FailureReason.NOT_SENT, AT), Duration.ofMinutes(15));

        store.put("CCCCCCCCCCCCCCCCCCCCCC", new Delivery(null, AT.plusSeconds(1)), Duration.ofMinutes(15));

        assertThat(store.get("CCCCCCCCCCCCCCCCCCCCCC")).hasValueSatisfying(delivery -> {
            assertThat(delivery.sent()).isTrue();
            assertThat(delivery.recordedAt()).isEqualTo(AT.plusSeconds(1));
        });
    }

    @Test
    void everyReasonSurvivesTheTrip() {
        DeliveryStore store = store();
        for (FailureReason reason : FailureReason.values()) {
            String id = ("R" + reason.ordinal()).repeat(11);
            store.put(id, new Delivery(reason, AT), Duration.ofMinutes(15));
            assertThat(store.get(id)).contains(new Delivery(reason, AT));
        }
    }
}
