package io.phonegate.dispatcher.delivery;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SeenEventsTest {

    @Test
    void secondSightingOfAnIdIsADuplicate() {
        SeenEvents seen = new SeenEvents(10);
        UUID id = UUID.randomUUID();

        assertThat(seen.firstSighting(id)).isTrue();
        assertThat(seen.firstSighting(id)).isFalse();
    }

    @Test
    void beyondTheBoundTheOldestIdsAreForgotten() {
        SeenEvents seen = new SeenEvents(2);
        UUID oldest = UUID.randomUUID();
        seen.firstSighting(oldest);
        seen.firstSighting(UUID.randomUUID());
        seen.firstSighting(UUID.randomUUID());

        assertThat(seen.firstSighting(oldest)).isTrue();
    }
}
