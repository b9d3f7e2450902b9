package io.phonegate.dispatcher.sms;

import io.phonegate.dispatcher.DispatcherProperties;
import io.phonegate.dispatcher.message.SmsTemplates;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** The start refuses sender settings SNS or India's carriers would not take, and says what to fix. */
class SenderSettingsTest {

    private static final String[] INDIA_DLT = {
            "phonegate.dispatcher.otp-host=auth.example.com",
            "phonegate.dispatcher.countries.IN.sender-id=PHNGTE",
            "phonegate.dispatcher.countries.IN.dlt.entity-id=1101000000000000001",
            "phonegate.dispatcher.countries.IN.dlt.templates.en-login-long=1107000000000000001",
            "phonegate.dispatcher.countries.IN.dlt.templates.en-signup-long=1107000000000000002",
            "phonegate.dispatcher.countries.IN.dlt.templates.hi-login-long=1107000000000000003",
            "phonegate.dispatcher.countries.IN.dlt.templates.hi-signup-long=1107000000000000004",
            "phonegate.dispatcher.countries.IN.dlt.templates.hi-signup-short=1107000000000000005"};

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(SendersOnly.class);

    @Test
    void dltWithATemplateIdForEveryFormInUseStarts() {
        context.withPropertyValues(INDIA_DLT)
                .withPropertyValues("phonegate.dispatcher.countries.IN.dlt.templates.hi-login-short=1107000000000000005")
                .run(started -> assertThat(started).hasNotFailed().getBean(CountrySenders.class)
                        .satisfies(senders -> assertThat(senders.dltCountries()).containsExactly("IN")));
    }

    @Test
    void dltWithoutTheTemplateIdOfAFormInUseStopsTheStartNamingTheFormItsVariableAndItsText() {
        context.withPropertyValues(INDIA_DLT)
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .hasStackTraceContaining("no template id for the hi-login-short text")
                        .hasStackTraceContaining("PHONEGATE_DISPATCHER_COUNTRIES_IN_DLT_TEMPLATES_HI_LOGIN_SHORT")
                        .hasStackTraceContaining("Phonegate कोड {#var#}\n\n@auth.example.com #{#var#}"));
    }

    @Test
    void senderIdLongerThanElevenCharactersStopsTheStart() {
        context.withPropertyValues("phonegate.dispatcher.sender-id=Phonegate-IND")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .hasStackTraceContaining("phonegate.dispatcher.senderId")
                        .hasStackTraceContaining("3-11 letters, digits or hyphens"));
    }

    @Test
    void androidAppHashOfAnotherShapeStopsTheStart() {
        context.withPropertyValues("phonegate.dispatcher.android-app-hash=FA+9qCX9VSu=")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .hasStackTraceContaining("11-character app hash"));
    }

    @EnableConfigurationProperties({DispatcherProperties.class, AwsProperties.class, SnsProperties.class})
    @Import(SnsConfiguration.class)
    static class SendersOnly {

        /** The real texts, as the message feature makes them from the same settings. */
        @Bean
        SmsTemplates smsTemplates(DispatcherProperties dispatcher) {
            return new SmsTemplates(dispatcher.otpHost(), dispatcher.androidAppHash());
        }
    }
}
