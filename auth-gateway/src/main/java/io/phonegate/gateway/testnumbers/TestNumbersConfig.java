package io.phonegate.gateway.testnumbers;

import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.common.testnumber.TestNumbers;
import io.phonegate.gateway.config.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.util.Arrays;
import java.util.Set;

/** Test numbers: read, checked against the code length, and refused in production unless allowed. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TestNumberSettings.class)
public class TestNumbersConfig {

    /** Profiles that mark a deployment as production. */
    static final Set<String> PRODUCTION_PROFILES = Set.of("production", "prod");
    private static final Logger log = LoggerFactory.getLogger(TestNumbersConfig.class);

    @Bean
    public TestNumberPolicy testNumberPolicy(TestNumberSettings settings, GatewayProperties gateway,
                                             Environment environment, MeterRegistry meters) {
        TestNumbers numbers = TestNumbers.parse(settings.entries()).requireCodeLength(gateway.codeLength());
        if (!numbers.isEmpty()) {
            boolean production = Arrays.stream(environment.getActiveProfiles()).anyMatch(PRODUCTION_PROFILES::contains);
            if (production && !settings.allowInProduction()) {
                throw new IllegalStateException("test numbers are set (PHONEGATE_TEST_NUMBERS) in a production profile: "
                        + "anyone who knows one logs in as its user with a fixed code. Remove them, or set "
                        + "phonegate.test-numbers.allow-in-production=true (e.g. for an app-store review account)");
            }
            log.warn("Test numbers are set: {} log in with a fixed code and are never texted", numbers);
        }
        return new TestNumberPolicy(numbers, meters);
    }
}
