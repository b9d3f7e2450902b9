package io.phonegate.reaper.intake;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.Acknowledgment;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetWatermarksTest {

    private static final TopicPartition PARTITION = new TopicPartition("phonegate.signup.requested", 0);

    private final OffsetWatermarks watermarks = new OffsetWatermarks();
    private final List<Long> acknowledged = new ArrayList<>();

    @Test
    void recordHandledWithNothingOpenBeforeItIsAcknowledgedAtOnce() {
        track(0).release();
        track(1).release();

        assertThat(acknowledged).containsExactly(0L, 1L);
    }

    @Test
    void recordsHandledAfterAnOpenOneWaitAndOnlyTheHighestIsAcknowledgedWhenItCloses() {
        TrackedRecord waiting = track(5);
        track(6).release();
        track(7).release();
        assertThat(acknowledged).isEmpty();

        waiting.release();

        assertThat(acknowledged).containsExactly(7L);
    }

    @Test
    void closingAnOpenRecordAboveTheLowestDoesNotMoveTheWatermark() {
        TrackedRecord lowest = track(0);
        TrackedRecord middle = track(1);
        track(2).release();

        middle.release();
        assertThat(acknowledged).isEmpty();

        lowest.release();
        assertThat(acknowledged).containsExactly(2L);
    }

    @Test
    void watermarkStopsBelowTheNextOpenRecord() {
        TrackedRecord first = track(0);
        track(1).release();
        TrackedRecord second = track(2);
        track(3).release();

        first.release();
        assertThat(acknowledged).containsExactly(1L);

        second.release();
        assertThat(acknowledged).containsExactly(1L, 3L);
    }

    @Test
    void releasingARecordTwiceAcknowledgesItOnce() {
        TrackedRecord record = track(0);
        record.release();
        record.release();

        assertThat(acknowledged).containsExactly(0L);
    }

    @Test
    void recordOfARevokedPartitionIsNeverAcknowledged() {
        TrackedRecord waiting = track(0);
        watermarks.forget(Set.of(PARTITION));

        waiting.release();

        assertThat(acknowledged).isEmpty();
    }

    @Test
    void handledRecordsBetweenTwoOpenOnesAreRememberedOneAtATime() {
        TrackedRecord first = track(0);
        for (long offset = 1; offset <= 1_000; offset++) {
            track(offset).release();
        }

        assertThat(first.ledger().openCount()).isEqualTo(1);
        assertThat(first.ledger().handledCount()).isEqualTo(1);
        first.release();
        assertThat(acknowledged).containsExactly(1_000L);
    }

    private TrackedRecord track(long offset) {
        Acknowledgment acknowledgment = () -> acknowledged.add(offset);
        return watermarks.track(PARTITION, offset, acknowledgment);
    }
}
