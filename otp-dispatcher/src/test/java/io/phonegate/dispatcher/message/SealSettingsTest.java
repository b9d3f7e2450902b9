package io.phonegate.dispatcher.message;

import io.phonegate.dispatcher.DispatcherProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher does not start without keys that open sealed codes, and says which setting to fix. */
class SealSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(MessagesOnly.class);

    @Test
    void missingSealKeysStopTheStartNamingTheVariableToSet() {
        context.run(started -> assertThat(started).hasFailed().getFailure()
                .hasStackTraceContaining("PHONEGATE_SEAL_KEYS"));
    }

    @Test
    void malformedSealKeysStopTheStartWithoutShowingTheKey() {
        context.withPropertyValues("phonegate.seal.keys=k1:c2VjcmV0LXRvby1zaG9ydA==")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .hasStackTraceContaining("must be 32 bytes")
                        .satisfies(failure -> assertThat(stackTrace(failure)).doesNotContain("c2VjcmV0LXRvby1zaG9ydA")));
    }

    @Test
    void validSealKeysStart() {
        context.withPropertyValues("phonegate.seal.keys=" + io.phonegate.common.seal.CodeSeal.newKeyConfig("k1"))
                .run(started -> assertThat(started).hasNotFailed().hasSingleBean(CodeMessages.class));
    }

    private static String stackTrace(Throwable failure) {
        java.io.StringWriter out = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    @EnableConfigurationProperties({SealProperties.class, DispatcherProperties.class})
    @Import(MessageConfiguration.class)
    static class MessagesOnly {
    }
}
