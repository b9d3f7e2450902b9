package io.phonegate.dispatcher;

import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads deliveries run on: a pool as large as the in-flight bound (an SNS call blocks
 * its thread) and one timer thread that only hands waiting work back to the pool, so no
 * thread sleeps through a back-off or a wait for the send rate.
 *
 * <p>On shutdown they stop in their own lifecycle {@linkplain #PHASE phase}: after the input binding
 * (no new records) and before the store's client and the output bindings, so the sends under way
 * finish, settle their claims and publish their reports. Waits not yet due are dropped: their
 * records are redelivered and their claims tell the next owner what happened.
 */
public final class Workers implements AutoCloseable, SmartLifecycle {

    /** Below the input bindings' phase ({@code Integer.MAX_VALUE - 3000}), above Lettuce's (0) and the output bindings'. */
    static final int PHASE = Integer.MAX_VALUE - 10_000;

    private final ThreadPoolExecutor pool;
    private final ScheduledThreadPoolExecutor timer;

    public Workers(int threads) {
        pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named("dispatch-"));
        pool.allowCoreThreadTimeOut(true);
        timer = new ScheduledThreadPoolExecutor(1, named("dispatch-timer-"));
        timer.setRemoveOnCancelPolicy(true);
    }

    /** @throws RejectedExecutionException once closed */
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /** Runs {@code task} on the pool after {@code delay}; dropped silently once closed (its offset stays uncommitted). */
    public void later(Duration delay, Runnable task) {
        try {
            timer.schedule(() -> executeUnlessClosed(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // Shutting down: the work is abandoned on purpose; its record is redelivered to the next owner.
        }
    }

    private void executeUnlessClosed(Runnable task) {
        try {
            pool.execute(task);
        } catch (RejectedExecutionException closing) {
            // As above: abandoned during shutdown, redelivered later because its offset is not committed.
        }
    }

    public boolean closed() {
        return pool.isShutdown();
    }

    @Override
    public void start() {
        // Threads start on demand.
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public boolean isRunning() {
        return !closed();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
