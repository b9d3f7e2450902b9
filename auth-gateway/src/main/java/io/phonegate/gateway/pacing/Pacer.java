package io.phonegate.gateway.pacing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Hands an answer over no sooner than a deadline, without holding a request thread while it waits: the
 * controller returns the future (Spring MVC answers it asynchronously) and one scheduler thread completes
 * it. Every paced answer takes this same path, however early or late its work was done.
 */
public final class Pacer implements AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "answer-pacer");
        thread.setDaemon(true);
        return thread;
    });

    /** @param notBefore a {@link System#nanoTime()} instant */
    public <T> CompletableFuture<T> answerAt(long notBefore, T answer) {
        CompletableFuture<T> future = new CompletableFuture<>();
        scheduler.schedule(() -> future.complete(answer), notBefore - System.nanoTime(), TimeUnit.NANOSECONDS);
        return future;
    }

    /** The same for an answer that is an error (handled as if it had been thrown). */
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
