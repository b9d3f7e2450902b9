package io.phonegate.reaper.sweep;

import io.phonegate.reaper.ReaperProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs the sweep every {@code phonegate.reaper.sweep-interval}, the first time one interval after start. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SweepScheduling implements SchedulingConfigurer {

    private final UnconfirmedSweep sweep;
    private final ReaperProperties properties;

    SweepScheduling(UnconfirmedSweep sweep, ReaperProperties properties) {
        this.sweep = sweep;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(sweep::sweep, properties.sweepInterval(),
                properties.sweepInterval()));
    }
}
