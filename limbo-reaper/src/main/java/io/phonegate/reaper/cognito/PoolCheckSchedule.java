package io.phonegate.reaper.cognito;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the pool self-check once while the reaper starts, then again and again: often while the settings
 * do not suit (a fix is noticed within seconds, no restart), rarely once they do.
 */
@Component
class PoolCheckSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PoolCheckSchedule.class);

    private final PoolSelfCheck check;
    private final PoolCheckProperties properties;
    private ScheduledExecutorService executor;

    PoolCheckSchedule(PoolSelfCheck check, PoolCheckProperties properties) {
        this.check = check;
        this.properties = properties;
    }

    /** Before the consumer binding starts, so the first due sign-up already finds a verdict. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE / 2;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "cognito-pool-check");
            thread.setDaemon(true);
            return thread;
        });
        runAndReschedule();
    }

    private void runAndReschedule() {
        PoolSelfCheck.State state;
        try {
            state = check.check();
        } catch (RuntimeException e) {
            log.error("The Cognito pool self-check failed unexpectedly; trying again", e);
            state = check.state();
        }
        long delay = (state.suits() ? properties.interval() : properties.retryInterval()).toMillis();
        synchronized (this) {
            if (executor != null) {
                executor.schedule(this::runAndReschedule, delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
