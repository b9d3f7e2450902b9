package io.phonegate.reaper.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A few threads that take due sign-ups and hand them to the handler. Several, so that one
 * slow Cognito answer does not hold up the rest; the Cognito rate limiter, not the thread
 * count, sets the pace. A sign-up whose handling failed waits {@code retryDelay} and is tried
 * again: it is never dropped.
 */
public final class DueSignupWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DueSignupWorkers.class);
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final PendingSignups pending;
    private final DueSignupHandler handler;
    private final int threads;
    private final Duration retryDelay;
    private final Clock clock;
    private final List<Thread> workers = new ArrayList<>();

    public DueSignupWorkers(PendingSignups pending, DueSignupHandler handler, int threads, Duration retryDelay,
                            Clock clock) {
        this.pending = pending;
        this.handler = handler;
        this.threads = threads;
        this.retryDelay = retryDelay;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(this::work, "due-signups-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    /**
     * Lets each worker finish the sign-up in hand (delete and publish belong together), up to
     * {@link #GRACE}; only then interrupts what is left. Nothing is lost either way: a sign-up
     * not finished is not released, and is read again by the next instance.
     */
    @Override
    public synchronized void stop() {
        pending.stopHandingOut();
        try {
            awaitWorkers(GRACE);
            workers.forEach(Thread::interrupt);
            awaitWorkers(GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.clear();
    }

    private void awaitWorkers(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (Thread worker : workers) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                worker.join(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return !workers.isEmpty();
    }

    private void work() {
        while (!Thread.currentThread().isInterrupted()) {
            PendingSignup signup;
            try {
                Optional<PendingSignup> due = pending.takeDue();
                if (due.isEmpty()) {
                    return;
                }
                signup = due.get();
            } catch (InterruptedException e) {
                return;
            }
            try {
                handler.handle(signup);
                pending.finished(signup);
            } catch (RuntimeException e) {
                log.warn("Could not handle the due sign-up of {}; trying again in {}: {}",
                        signup.request().phone(), retryDelay, e.toString());
                pending.retryAt(signup, clock.instant().plus(retryDelay));
            }
        }
    }
}
