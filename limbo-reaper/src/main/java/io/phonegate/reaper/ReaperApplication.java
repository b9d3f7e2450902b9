package io.phonegate.reaper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Deletes Cognito users whose sign-up was abandoned, and never a verified one. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReaperApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReaperApplication.class, args);
    }
}
