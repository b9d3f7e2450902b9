package io.phonegate.reaper.schedule;

/** Told when the schedule reaches its cap and when it drops below it again; both are quick and non-blocking. */
public interface CapacityListener {

    void full();

    void belowCapacity();
}
