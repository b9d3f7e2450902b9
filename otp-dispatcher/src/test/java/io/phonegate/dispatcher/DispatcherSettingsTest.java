package io.phonegate.dispatcher;

import io.phonegate.dispatcher.message.SealProperties;
import io.phonegate.dispatcher.sms.SnsProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings as the local run and deployments pass them: environment variables, and what happens when one is missing. */
class DispatcherSettingsTest {

    @Test
    void everyDispatcherSettingBindsFromEnvironmentVariables() {
        Binder binder = environment(Map.of(
                "PHONEGATE_DISPATCHER_OTPHOST", "auth.example.com",
                "PHONEGATE_DISPATCHER_SENDERID", "Phonegate",
                "PHONEGATE_DISPATCHER_MAXINFLIGHT", "64",
                "PHONEGATE_DISPATCHER_DEDUPCAPACITY", "5000",
                "PHONEGATE_DISPATCHER_LIMITS_PHONEHOURLY", "7",
                "PHONEGATE_DISPATCHER_LIMITS_PHONEBURSTWINDOW", "5m",
                "PHONEGATE_DISPATCHER_LIMITS_COUNTRIES_IN", "500",
                "PHONEGATE_DISPATCHER_LIMITS_GLOBALPERSECOND", "100",
                "PHONEGATE_DISPATCHER_RETRY_MAXBACKOFF", "30s"));

        DispatcherProperties properties = binder.bind("phonegate.dispatcher", DispatcherProperties.class).get();

        assertThat(properties.otpHost()).isEqualTo("auth.example.com");
        assertThat(properties.senderId()).isEqualTo("Phonegate");
        assertThat(properties.maxInFlight()).isEqualTo(64);
        assertThat(properties.dedupCapacity()).isEqualTo(5000);
        assertThat(properties.limits().phoneHourly()).isEqualTo(7);
        assertThat(properties.limits().phoneBurstWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.limits().countryHourly("IN")).isEqualTo(500);
        assertThat(properties.limits().globalPerSecond()).isEqualTo(100);
        assertThat(properties.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void snsAndSealSettingsBindFromEnvironmentVariables() {
        Binder binder = environment(Map.of("PHONEGATE_SNS_ENDPOINT", "", "PHONEGATE_SNS_CALLTIMEOUT", "2s",
                "PHONEGATE_SEAL_KEYS", "k1:abc", "PHONEGATE_SEAL_SEALING_KEY_ID", "k1"));

        assertThat(binder.bind("phonegate.sns", SnsProperties.class).get()).isEqualTo(new SnsProperties("", Duration.ofSeconds(2)));
        assertThat(binder.bind("phonegate.seal", SealProperties.class).get()).isEqualTo(new SealProperties("k1:abc", "k1"));
    }

    @Test
    void defaultsAreTheIssuesLimits() {
        DispatcherProperties defaults = environment(Map.of()).bindOrCreate("phonegate.dispatcher", DispatcherProperties.class);

        assertThat(defaults.otpHost()).isEqualTo("localhost");
        assertThat(defaults.limits().phoneBurst()).isEqualTo(3);
        assertThat(defaults.limits().phoneHourly()).isEqualTo(5);
        assertThat(defaults.limits().phoneDaily()).isEqualTo(10);
        assertThat(defaults.limits().globalPerSecond()).isEqualTo(20);
        assertThat(defaults.senderId()).isNull();
    }

    private static Binder environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return new Binder(ConfigurationPropertySources.get(environment));
    }
}
