package io.phonegate.gateway.delivery;

import io.phonegate.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryDeliveryStoreTest extends DeliveryStoreContract {

    private final MutableClock clock = new MutableClock(AT);

    @Override
    DeliveryStore store() {
        return new InMemoryDeliveryStore(clock);
    }

    @Test
    void aDeliveryIsForgottenWhenItsTimeIsUp() {
        DeliveryStore store = store();
        store.put("DDDDDDDDDDDDDDDDDDDDDD", new Delivery(null, AT), Duration.ofMinutes(15));

        clock.advance(Duration.ofMinutes(15));

        assertThat(store.get("DDDDDDDDDDDDDDDDDDDDDD")).isEmpty();
    }
}
