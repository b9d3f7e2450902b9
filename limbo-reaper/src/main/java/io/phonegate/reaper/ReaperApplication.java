package io.phonegate.reaper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Deletes Cognito users whose sign-up was abandoned, and never a verified one. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReaperApplication {

    /** The {@code ce_source} of every event the reaper publishes. */
    public static final String EVENT_SOURCE = "/phonegate/limbo-reaper";

    public static void main(String[] args) {
        SpringApplication.run(ReaperApplication.class, args);
    }
}
