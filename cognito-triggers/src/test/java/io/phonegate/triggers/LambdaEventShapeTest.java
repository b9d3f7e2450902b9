package io.phonegate.triggers;

import io.phonegate.common.seal.CodeSeal;
import io.phonegate.triggers.challenge.TriggerSettings;
import io.phonegate.triggers.define.DefineAuthChallengeHandler;
import io.phonegate.triggers.testing.TriggerEvents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LambdaEventShapeTest {

    private final DefineAuthChallengeHandler define = new DefineAuthChallengeHandler(
            TriggerSettings.defaults(CodeSeal.fromConfig(CodeSeal.newKeyConfig("k1"), "k1")), Clock.systemUTC());

    @Test
    void handlerReturnsTheWholeEventWithItsResponseFilledIn() {
        ObjectNode event = TriggerEvents.define(true);

        ObjectNode returned = TriggerEvents.run(define, event);

        for (String field : new String[] {"version", "region", "userPoolId", "userName", "callerContext", "triggerSource", "request"}) {
            assertThat(returned.get(field)).as(field).isEqualTo(event.get(field));
        }
        assertThat(returned.get("response").get("challengeName").stringValue()).isEqualTo("CUSTOM_CHALLENGE");
    }

    @Test
    void eventAsCognitoSendsItWithNullResponseFieldsIsRead() throws Exception {
        String json = """
                {"version":"1","region":"us-east-1","userPoolId":"us-east-1_phonegate","userName":"+919876543210",
                 "callerContext":{"awsSdkVersion":"aws-sdk-unknown-unknown","clientId":"phonegatelocalclient"},
                 "triggerSource":"DefineAuthChallenge_Authentication",
                 "request":{"userAttributes":{"sub":"s","phone_number":"+919876543210"},"session":[],"userNotFound":false},
                 "response":{"challengeName":null,"issueTokens":null,"failAuthentication":null}}""";
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        define.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, null);

        assertThat(TriggerEvents.JSON.readTree(out.toByteArray()).get("response").get("challengeName").stringValue())
                .isEqualTo("CUSTOM_CHALLENGE");
    }

    @Test
    void nonObjectEventIsRejected() {
        assertThatThrownBy(() -> define.handleRequest(
                new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
