package io.phonegate.dispatcher.store;

import io.phonegate.dispatcher.Workers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the dispatcher does while the store is unreachable: it stops. A delivery whose store call
 * failed hands its step here; the first one tells the listeners (the consumer pauses its binding,
 * holding its offsets), and a probe asks the store again with growing pauses. When the store
 * answers, the listeners resume and every waiting step runs again, from the store call that failed.
 * Nothing is sent and nothing is reported in between.
 */
public final class StoreOutage {

    /** Told when the store goes away and when it is back; called on worker threads. */
    public interface Listener {
        void storeDown();

        void storeBack();
    }

    static final Duration FIRST_PROBE = Duration.ofMillis(100);
    static final Duration LONGEST_PROBE = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(StoreOutage.class);

    private final StoreProbe probe;
    private final Workers workers;
    private final List<Listener> listeners;
    private final List<Runnable> waiting = new ArrayList<>();
    private boolean down;
    private long downSince;

    public StoreOutage(StoreProbe probe, Workers workers, List<Listener> listeners) {
        this.probe = probe;
        this.workers = workers;
        this.listeners = List.copyOf(listeners);
    }

    /** Runs {@code step} again once the store answers; {@code cause} is why it could not run now. */
    public void retryWhenBack(Runnable step, StoreUnavailableException cause) {
        boolean first;
        synchronized (this) {
            first = !down;
            if (first) {
                down = true;
                downSince = System.nanoTime();
            }
            waiting.add(step);
        }
        if (first) {
            LOG.warn("Store unreachable ({}): sending paused, offsets held until it answers", cause.getMessage());
            listeners.forEach(Listener::storeDown);
            workers.later(FIRST_PROBE, () -> probe(FIRST_PROBE));
        }
    }

    public synchronized boolean down() {
        return down;
    }

    /** Steps waiting for the store now. */
    public synchronized int waiting() {
        return waiting.size();
    }

    private void probe(Duration pause) {
        if (!reachable()) {
            Duration next = pause.multipliedBy(2).compareTo(LONGEST_PROBE) > 0 ? LONGEST_PROBE : pause.multipliedBy(2);
            workers.later(next, () -> probe(next));
            return;
        }
        List<Runnable> resumed;
        long downForMillis;
        synchronized (this) {
            down = false;
            resumed = List.copyOf(waiting);
            waiting.clear();
            downForMillis = (System.nanoTime() - downSince) / 1_000_000;
        }
        LOG.info("Store answers again after {} ms: resuming {} deliveries and the consumer", downForMillis, resumed.size());
        listeners.forEach(Listener::storeBack);
        resumed.forEach(this::resume);
    }

    private void resume(Runnable step) {
        try {
            workers.execute(step);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // Shutting down: the step's record stays uncommitted and is redelivered.
        }
    }

    private boolean reachable() {
        try {
            return probe.reachable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
