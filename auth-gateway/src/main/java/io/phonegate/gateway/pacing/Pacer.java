package io.phonegate.gateway.pacing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Hands an answer over no sooner than a deadline, without holding a request thread while it waits: one
 * scheduler thread runs or completes it then. Every paced answer of a kind takes this same path, however early
 * or late its work was done.
 */
public final class Pacer implements AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "answer-pacer");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Runs {@code answer} at {@code notBefore} (a {@link System#nanoTime()} instant) on the pacer's one thread:
     * it must only hand its work on, never block.
     */
    public void runAt(long notBefore, Runnable answer) {
        scheduler.schedule(answer, notBefore - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    /**
     * An error answer for Spring MVC at {@code notBefore}: the controller returns the future (MVC answers it
     * asynchronously, handled as if it had been thrown).
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
