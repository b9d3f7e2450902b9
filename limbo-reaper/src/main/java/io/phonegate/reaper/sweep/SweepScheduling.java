package io.phonegate.reaper.sweep;

import io.phonegate.reaper.ReaperProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the sweep of {@code UNCONFIRMED} users every {@code sweep-interval} and the full scan every
 * {@code scan-interval}, each the first time one interval after start. They run on two scheduler
 * threads ({@code spring.task.scheduling.pool.size}), so a scan of hours does not hold up the sweep.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SweepScheduling implements SchedulingConfigurer {

    private final UnconfirmedSweep sweep;
    private final PendingUserScan scan;
    private final ReaperProperties properties;

    SweepScheduling(UnconfirmedSweep sweep, PendingUserScan scan, ReaperProperties properties) {
        this.sweep = sweep;
        this.scan = scan;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(sweep::sweep, properties.sweepInterval(),
                properties.sweepInterval()));
        registrar.addFixedDelayTask(new FixedDelayTask(scan::scan, properties.scanInterval(),
                properties.scanInterval()));
    }
}
