package io.phonegate.gateway.limits;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings that contradict each other stop the service at startup, with the setting to fix. */
class LimitSettingsTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        LimitSettings defaults = bind(Map.of());

        assertThat(defaults.resendCooldown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.phoneHourlyCap()).isEqualTo(5);
        assertThat(defaults.phoneDailyCap()).isEqualTo(10);
        assertThat(defaults.clientIpRequestsPerMinute()).isEqualTo(60);
        assertThat(defaults.countryHourlyCap("IN")).isEqualTo(10_000);
        assertThat(defaults.dailyBudget()).isEqualTo(50_000);
        assertThat(defaults.newNumberBudget()).isEqualTo(40_000);
        assertThat(defaults.wrongAnswersPerDay()).isEqualTo(10);
        assertThat(defaults.verifiedMemory()).isEqualTo(Duration.ofDays(90));
        assertThat(defaults.store().retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aCountrysOwnCapComesFromTheEnvironment() {
        LimitSettings settings = bind(Map.of("PHONEGATE_GATEWAY_LIMITS_COUNTRYHOURLYCAPS_IN", "20000",
                "PHONEGATE_GATEWAY_LIMITS_COUNTRYHOURLYCAP", "500"));

        assertThat(settings.countryHourlyCap("IN")).isEqualTo(20_000);
        assertThat(settings.countryHourlyCap("US")).isEqualTo(500);
    }

    @Test
    void aDailyCapBelowTheHourlyCapIsRefused() {
        assertThatThrownBy(() -> TestLimits.defaults().phone(5, 4).build())
                .hasMessageContaining("phone-daily-cap must be at least phone-hourly-cap");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT1H", "PT2H", "PT-1S"})
    void aCooldownOfAnHourOrMoreOrBelowZeroIsRefused(String cooldown) {
        assertThatThrownBy(() -> TestLimits.defaults().cooldown(Duration.parse(cooldown)).build())
                .hasMessageContaining("resend-cooldown");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0, 1.5})
    void aLogInShareOutsideZeroToOneIsRefused(double share) {
        assertThatThrownBy(() -> TestLimits.defaults().budget(100, share).build()).hasMessageContaining("login-share");
    }

    @Test
    void aShareLeavingNewNumbersNoCodeIsRefused() {
        assertThatThrownBy(() -> TestLimits.defaults().budget(3, 0.9).build())
                .hasMessageContaining("leave new numbers at least one code");
    }

    @Test
    void aCountryCapForSomethingThatIsNoRegionIsRefused() {
        assertThatThrownBy(() -> TestLimits.defaults().countryCap("India", 5).build())
                .hasMessageContaining("ISO 3166");
    }

    @Test
    void zeroCapsAreRefused() {
        assertThatThrownBy(() -> TestLimits.defaults().phone(0, 10).build()).hasMessageContaining("phone-hourly-cap");
        assertThatThrownBy(() -> TestLimits.defaults().wrongAnswers(0).build()).hasMessageContaining("wrong-answers");
        assertThatThrownBy(() -> TestLimits.defaults().perMinute(0).build()).hasMessageContaining("client-ip");
        assertThatThrownBy(() -> TestLimits.defaults().countryHourly(0).build()).hasMessageContaining("country-hourly-cap");
    }

    private static LimitSettings bind(Map<String, Object> environment) {
        StandardEnvironment env = new StandardEnvironment();
        // Under the name Boot reads environment variables by (PHONEGATE_A_B for phonegate.a.b).
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        return new Binder(ConfigurationPropertySources.get(env))
                .bindOrCreate("phonegate.gateway.limits", LimitSettings.class);
    }
}
