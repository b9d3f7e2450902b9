package io.phonegate.dispatcher;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Turns each {@code OtpRequested} into one SMS through Amazon SNS, or a reason why not, and reports it. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OtpDispatcherApplication {

    public static void main(String[] args) {
        SpringApplication.run(OtpDispatcherApplication.class, args);
    }
}
