package io.phonegate.dispatcher;

import io.phonegate.dispatcher.message.SealProperties;
import io.phonegate.dispatcher.sms.SnsProperties;
import io.phonegate.dispatcher.store.StoreProperties;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings as the local run and deployments pass them: environment variables, and what happens when one is missing. */
class DispatcherSettingsTest {

    @Test
    void everyDispatcherSettingBindsFromEnvironmentVariables() {
        Binder binder = environment(Map.of(
                "PHONEGATE_DISPATCHER_OTPHOST", "auth.example.com",
                "PHONEGATE_DISPATCHER_SENDERID", "Phonegate",
                "PHONEGATE_DISPATCHER_MAXINFLIGHT", "64",
                "PHONEGATE_DISPATCHER_CLAIMS_LEASE", "20s",
                "PHONEGATE_DISPATCHER_CLAIMS_RETENTION", "2h",
                "PHONEGATE_DISPATCHER_PACING_PERSECOND", "100",
                "PHONEGATE_DISPATCHER_PACING_BURST", "5",
                "PHONEGATE_DISPATCHER_BACKSTOP_ALLOWEDCOUNTRIES", "in, gb",
                "PHONEGATE_DISPATCHER_BACKSTOP_NUMBERDAILYCAP", "30",
                "PHONEGATE_DISPATCHER_RETRY_MAXBACKOFF", "30s"));

        DispatcherProperties properties = binder.bind("phonegate.dispatcher", DispatcherProperties.class).get();

        assertThat(properties.otpHost()).isEqualTo("auth.example.com");
        assertThat(properties.senderId()).isEqualTo("Phonegate");
        assertThat(properties.maxInFlight()).isEqualTo(64);
        assertThat(properties.claims()).isEqualTo(new DispatcherProperties.Claims(Duration.ofSeconds(20), Duration.ofHours(2), true, Duration.ofSeconds(60)));
        assertThat(properties.pacing()).isEqualTo(new DispatcherProperties.Pacing(100, 5));
        assertThat(properties.backstop().allowedCountries()).containsExactlyInAnyOrder("IN", "GB");
        assertThat(properties.backstop().numberDailyCap()).isEqualTo(30);
        assertThat(properties.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    }

    /** India's DLT as a deployment sets it: every key from an environment variable, forms spelt EN_LOGIN_LONG. */
    @Test
    void perCountrySendersAndDltTemplatesBindFromEnvironmentVariables() {
        Binder binder = environment(Map.of(
                "PHONEGATE_DISPATCHER_ANDROIDAPPHASH", "FA+9qCX9VS/",
                "PHONEGATE_DISPATCHER_COUNTRIES_IN_SENDERID", "PHNGTE",
                "PHONEGATE_DISPATCHER_COUNTRIES_IN_ORIGINATIONNUMBER", "+919000000000",
                "PHONEGATE_DISPATCHER_COUNTRIES_IN_DLT_ENTITYID", "1101000000000000001",
                "PHONEGATE_DISPATCHER_COUNTRIES_IN_DLT_TEMPLATES_EN_LOGIN_LONG", "1107000000000000001",
                "PHONEGATE_DISPATCHER_COUNTRIES_IN_DLT_TEMPLATES_HI_SIGNUP_SHORT", "1107000000000000002",
                "PHONEGATE_DISPATCHER_COUNTRIES_GB_SENDERID", "PG-UK"));

        DispatcherProperties properties = binder.bind("phonegate.dispatcher", DispatcherProperties.class).get();

        assertThat(properties.androidAppHash()).isEqualTo("FA+9qCX9VS/");
        assertThat(properties.countries()).containsOnlyKeys("IN", "GB");
        DispatcherProperties.Country india = properties.countries().get("IN");
        assertThat(india.senderId()).isEqualTo("PHNGTE");
        assertThat(india.originationNumber()).isEqualTo("+919000000000");
        assertThat(india.dlt().on()).isTrue();
        assertThat(india.dlt().entityId()).isEqualTo("1101000000000000001");
        assertThat(india.dlt().templates()).containsOnly(Map.entry("en-login-long", "1107000000000000001"),
                Map.entry("hi-signup-short", "1107000000000000002"));
        assertThat(properties.countries().get("GB").dlt().on()).isFalse();
    }

    @Test
    void aCountryThatIsNotATwoLetterCodeFailsTheBinding() {
        Binder binder = environment(Map.of("PHONEGATE_DISPATCHER_COUNTRIES_INDIA_SENDERID", "PHNGTE"));

        assertThatThrownBy(() -> binder.bind("phonegate.dispatcher", DispatcherProperties.class))
                .rootCause().hasMessageContaining("two-letter ISO 3166 country code");
    }

    /** The shapes SNS and the SMS Retriever accept, checked when the settings bind (the application validates them). */
    @Test
    void senderDltAndAppHashValuesOutsideTheirShapesAreViolations() {
        DispatcherProperties properties = environment(Map.of(
                "PHONEGATE_DISPATCHER_SENDERID", "Phonegate-India",
                "PHONEGATE_DISPATCHER_ANDROIDAPPHASH", "too-short",
                "PHONEGATE_DISPATCHER_COUNTRIES_IN_ORIGINATIONNUMBER", "+91 90000",
                "PHONEGATE_DISPATCHER_COUNTRIES_IN_DLT_ENTITYID", "1101 0000",
                "PHONEGATE_DISPATCHER_COUNTRIES_IN_DLT_TEMPLATES_EN_LOGIN_LONG", "x".repeat(51)))
                .bind("phonegate.dispatcher", DispatcherProperties.class).get();

        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            assertThat(factory.getValidator().validate(properties)).extracting(v -> v.getPropertyPath().toString())
                    .containsExactlyInAnyOrder("senderId", "androidAppHash", "countries[IN].originationNumber",
                            "countries[IN].dlt.entityId", "countries[IN].dlt.templates[en-login-long].<map value>");
        }
    }

    @Test
    void storeSettingsBindFromEnvironmentVariablesAndHideTheKey() {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        StoreProperties store = environment(Map.of("PHONEGATE_STORE_SUBJECT_KEY", key))
                .bind("phonegate.store", StoreProperties.class).get();

        assertThat(store.subjectKeyBytes()).hasSize(32);
        assertThat(store.toString()).doesNotContain(key);
    }

    @Test
    void snsAndSealSettingsBindFromEnvironmentVariables() {
        Binder binder = environment(Map.of("PHONEGATE_SNS_ENDPOINT", "", "PHONEGATE_SNS_CALLTIMEOUT", "2s",
                "PHONEGATE_SEAL_KEYS", "k1:abc", "PHONEGATE_SEAL_SEALING_KEY_ID", "k1"));

        assertThat(binder.bind("phonegate.sns", SnsProperties.class).get()).isEqualTo(new SnsProperties("", Duration.ofSeconds(2)));
        assertThat(binder.bind("phonegate.seal", SealProperties.class).get()).isEqualTo(new SealProperties("k1:abc", "k1"));
    }

    @Test
    void defaultsPaceToSnsDefaultQuotaAndKeepTheBackstopFarAboveTheGateway() {
        DispatcherProperties defaults = environment(Map.of()).bindOrCreate("phonegate.dispatcher", DispatcherProperties.class);

        assertThat(defaults.otpHost()).isEqualTo("localhost");
        assertThat(defaults.pacing()).isEqualTo(new DispatcherProperties.Pacing(20, 1));
        assertThat(defaults.claims()).isEqualTo(new DispatcherProperties.Claims(Duration.ofSeconds(15), Duration.ofHours(1), true, Duration.ofSeconds(60)));
        assertThat(defaults.backstop().numberDailyCap()).isEqualTo(50);
        assertThat(defaults.backstop().allowedCountries()).contains("IN", "US", "GB");
        assertThat(defaults.senderId()).isNull();
        assertThat(defaults.androidAppHash()).isNull();
        assertThat(defaults.countries()).isEmpty();
    }

    private static Binder environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return new Binder(ConfigurationPropertySources.get(environment));
    }
}
