package io.phonegate.dispatcher.store;

/** Whether the store answers now; one short call, never a wait longer than the store's timeout. */
@FunctionalInterface
public interface StoreProbe {

    boolean reachable();
}
