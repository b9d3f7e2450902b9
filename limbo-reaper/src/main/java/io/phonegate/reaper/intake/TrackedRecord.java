package io.phonegate.reaper.intake;

import io.phonegate.reaper.schedule.Receipt;
import org.apache.kafka.common.TopicPartition;

/** A consumed record whose offset {@link OffsetWatermarks} holds back until it is released. */
record TrackedRecord(OffsetWatermarks watermarks, OffsetWatermarks.Ledger ledger, TopicPartition partition,
                     long offset) implements Receipt {

    @Override
    public void release() {
        watermarks.release(this);
    }
}
