package io.phonegate.dispatcher.consume;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.Acknowledgment;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CommitOrderTest {

    private final CommitOrder order = new CommitOrder();
    private final List<Long> acknowledged = new ArrayList<>();

    @Test
    void laterRecordsDoneFirstAreAcknowledgedOnlyWhenTheEarlierOneIsDone() {
        CommitOrder.Ticket first = track(0, 10);
        CommitOrder.Ticket second = track(0, 11);
        CommitOrder.Ticket third = track(0, 12);

        third.done();
        second.done();
        assertThat(acknowledged).isEmpty();

        first.done();
        assertThat(acknowledged).containsExactly(12L);
        assertThat(order.pending()).isZero();
    }

    @Test
    void partitionsAreIndependent() {
        CommitOrder.Ticket slow = track(0, 5);
        CommitOrder.Ticket other = track(1, 7);

        other.done();

        assertThat(acknowledged).containsExactly(7L);
        assertThat(order.pending()).isEqualTo(1);
        slow.done();
        assertThat(acknowledged).containsExactly(7L, 5L);
    }

    @Test
    void recordsOfARevokedPartitionAcknowledgeNothing() {
        CommitOrder.Ticket ticket = track(0, 3);

        order.forget(List.of(new TopicPartition("t", 0)));
        ticket.done();

        assertThat(acknowledged).isEmpty();
    }

    @Test
    void doneTwiceAcknowledgesOnce() {
        CommitOrder.Ticket ticket = track(0, 3);

        ticket.done();
        ticket.done();

        assertThat(acknowledged).containsExactly(3L);
    }

    @Test
    void recordWithoutAnAcknowledgmentIsAConfigurationError() {
        assertThatIllegalStateException().isThrownBy(() -> order.track("t", 0, 1, null))
                .withMessageContaining("ack-mode");
    }

    private CommitOrder.Ticket track(int partition, long offset) {
        Acknowledgment ack = () -> acknowledged.add(offset);
        return order.track("t", partition, offset, ack);
    }
}
