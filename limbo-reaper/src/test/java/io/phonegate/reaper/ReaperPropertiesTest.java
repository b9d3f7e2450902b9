package io.phonegate.reaper;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReaperPropertiesTest {

    @Test
    void defaultsAreAnHourTtlTenCallsPerSecondAndNoDryRun() {
        ReaperProperties properties = bind(new MapPropertySource("empty", Map.of()));

        assertThat(properties.ttl()).isEqualTo(Duration.ofHours(1));
        assertThat(properties.sweepInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(properties.cognitoRate()).isEqualTo(10);
        assertThat(properties.maxPending()).isEqualTo(100_000);
        assertThat(properties.dryRun()).isFalse();
    }

    @Test
    void everySettingCanComeFromTheEnvironment() {
        ReaperProperties properties = bind(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "PHONEGATE_REAPER_TTL", "10s",
                "PHONEGATE_REAPER_SWEEPINTERVAL", "2m",
                "PHONEGATE_REAPER_COGNITORATE", "2.5",
                "PHONEGATE_REAPER_MAXPENDING", "500",
                "PHONEGATE_REAPER_DRYRUN", "true")));

        assertThat(properties.ttl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.sweepInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(properties.cognitoRate()).isEqualTo(2.5);
        assertThat(properties.maxPending()).isEqualTo(500);
        assertThat(properties.dryRun()).isTrue();
    }

    private static ReaperProperties bind(org.springframework.core.env.PropertySource<?> source) {
        return new Binder(ConfigurationPropertySources.from(source))
                .bindOrCreate("phonegate.reaper", ReaperProperties.class);
    }
}
