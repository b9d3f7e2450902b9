package io.phonegate.gateway.pool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the self-check once while the gateway starts (bounded by the Cognito call timeout, so a dead
 * Cognito delays start-up by seconds, not forever), then again and again: often while the settings do
 * not suit, so fixing the pool brings the gateway into service without a restart; rarely once they do.
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
