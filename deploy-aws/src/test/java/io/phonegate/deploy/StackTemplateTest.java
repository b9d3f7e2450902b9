package io.phonegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

class StackTemplateTest {

    private final Synthesized synthesized = Synthesized.withDefaults();

    @Test
    void synthesizesWithoutWarningsOrErrors() {
        Annotations annotations = Annotations.fromStack(synthesized.stack);
        annotations.hasNoWarning("*", Match.anyValue());
        annotations.hasNoError("*", Match.anyValue());
    }

    @Test
    void isBoundToNoAccountOrRegionSoItSynthesizesOffline() {
        assertThat(Token.isUnresolved(synthesized.stack.getAccount())).isTrue();
        assertThat(Token.isUnresolved(synthesized.stack.getRegion())).isTrue();
    }

    @Test
    void tellsTheOperatorWhatToGiveEachService() {
        Map<String, Object> outputs = synthesized.template.toJSON().entrySet().stream()
                .filter(e -> e.getKey().equals("Outputs")).map(e -> TemplateJson.map(e.getValue()))
                .findFirst().orElseThrow();
        assertThat(outputs).containsOnlyKeys("UserPoolId", "AppClientId",
                "AuthGatewayPolicyArn", "OtpDispatcherPolicyArn", "LimboReaperPolicyArn");
    }
}
