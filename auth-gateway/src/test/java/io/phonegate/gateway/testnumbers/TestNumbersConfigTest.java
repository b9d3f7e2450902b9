package io.phonegate.gateway.testnumbers;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.gateway.config.GatewayProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestNumbersConfigTest {

    private static final String ENTRIES = "+919999900001:424242";
    private final TestNumbersConfig config = new TestNumbersConfig();

    @Test
    void testNumbersInAProductionProfileStopTheServiceUnlessExplicitlyAllowed() {
        for (String profile : new String[] {"production", "prod"}) {
            MockEnvironment production = new MockEnvironment();
            production.setActiveProfiles("docker", profile);

            assertThatThrownBy(() -> policy(new TestNumberSettings(ENTRIES, false), production))
                    .hasMessageContaining("PHONEGATE_TEST_NUMBERS")
                    .hasMessageContaining("phonegate.test-numbers.allow-in-production=true")
                    .hasMessageNotContaining("424242");
            assertThat(policy(new TestNumberSettings(ENTRIES, true), production)
                    .untexted(PhoneNumber.ofE164("+919999900001"), true)).isTrue();
        }
        assertThat(policy(new TestNumberSettings("", false), withProfile("production"))
                .untexted(PhoneNumber.ofE164("+919999900001"), false)).isFalse();
        assertThat(policy(new TestNumberSettings(ENTRIES, false), withProfile("docker"))
                .untexted(PhoneNumber.ofE164("+919999900001"), true)).isTrue();
    }

    @Test
    void fixedCodesMustHaveTheGatewaysCodeLength() {
        assertThatThrownBy(() -> policy(new TestNumberSettings("+919999900001:4242", false), withProfile("docker")))
                .hasMessageContaining("has 4 digits, but codes have 6");
    }

    private TestNumberPolicy policy(TestNumberSettings settings, MockEnvironment environment) {
        return config.testNumberPolicy(settings, gateway(), environment, new SimpleMeterRegistry());
    }

    private static MockEnvironment withProfile(String profile) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profile);
        return environment;
    }

    /** The defaults, as the service binds them (6-digit codes). */
    private static GatewayProperties gateway() {
        return Binder.get(new MockEnvironment()).bindOrCreate("phonegate.gateway", GatewayProperties.class);
    }
}
