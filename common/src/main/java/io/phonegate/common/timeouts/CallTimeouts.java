package io.phonegate.common.timeouts;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The scheduler behind an AWS SDK client's call timeout ({@code apiCallTimeout}): the SDK arms a timeout
 * for every call and cancels it when the call returns, so nearly none fire. Here a cancelled timeout
 * leaves the queue at once; the SDK's own scheduler keeps it until it is due and wakes a thread a call
 * timeout later only to drop it (20 ms of CPU a second in the gateway at 100 starts/s, for nothing).
 * Not a Spring bean of type {@link ScheduledExecutorService}: one would replace Boot's task scheduler.
 */
public final class CallTimeouts implements AutoCloseable {

    private final ScheduledThreadPoolExecutor scheduler;

    /** @param threadName the name of its one thread (a firing timeout only aborts a call: quick) */
    public CallTimeouts(String threadName) {
        this.scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** For {@code ClientOverrideConfiguration.Builder#scheduledExecutorService}; the SDK does not close it. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** After the clients that use it are closed. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
