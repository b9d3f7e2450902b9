package io.phonegate.reaper.schedule;

import io.phonegate.reaper.ReaperMetrics;
import io.phonegate.reaper.ReaperProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class ScheduleConfiguration {

    /** Enough to keep a rate of tens of calls per second busy when each Cognito answer takes tens of ms. */
    private static final int WORKER_THREADS = 4;

    @Bean
    PendingSignups pendingSignups(ReaperProperties properties, CapacityListener capacity, Clock clock,
                                  ReaperMetrics metrics) {
        PendingSignups pending = new PendingSignups(properties.ttl(), properties.maxPending(), capacity, clock);
        metrics.pendingSignups(pending::size);
        return pending;
    }

    @Bean
    DueSignupWorkers dueSignupWorkers(PendingSignups pending, DueSignupHandler handler, ReaperProperties properties,
                                      Clock clock) {
        return new DueSignupWorkers(pending, handler, WORKER_THREADS, properties.retryDelay(), clock);
    }
}
