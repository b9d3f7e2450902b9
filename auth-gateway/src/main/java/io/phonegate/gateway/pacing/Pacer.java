package io.phonegate.gateway.pacing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Hands an answer over no sooner than a deadline, without holding a request thread while it waits: one scheduler
 * thread hands it on when it is due (to a request thread that writes it, or by completing the future a controller
 * returned, which Spring MVC then answers). Every paced answer of a kind takes the same path, however early or
 * late its work was done.
 */
public final class Pacer implements AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "answer-pacer");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Runs {@code handOver} on the scheduler's one thread no sooner than {@code notBefore} (a {@link System#nanoTime()}
     * instant): it must hand the answer on, not write it, or one slow client would hold every other answer.
     *
     * @throws RejectedExecutionException when the pacer is closed (the gateway is stopping)
     */
    public void runAt(long notBefore, Runnable handOver) {
        scheduler.schedule(handOver, notBefore - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    /**
     * An answer that is an error, handed over no sooner than {@code notBefore} (a {@link System#nanoTime()} instant)
     * as the future's failure (handled as if it had been thrown).
     */
    public <T> CompletableFuture<T> failAt(long notBefore, RuntimeException failure) {
        CompletableFuture<T> future = new CompletableFuture<>();
        scheduler.schedule(() -> future.completeExceptionally(failure), notBefore - System.nanoTime(),
                TimeUnit.NANOSECONDS);
        return future;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
