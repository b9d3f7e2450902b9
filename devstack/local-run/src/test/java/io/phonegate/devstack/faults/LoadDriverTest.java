package io.phonegate.devstack.faults;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoadDriverTest {

    @Test
    void aStringFieldIsReadWithOrWithoutSpacesAndIsNullWhenMissingOrNotAString() {
        assertThat(LoadDriver.stringField("{\"challenge\":\"abc\",\"codeLength\":6}", "challenge")).isEqualTo("abc");
        assertThat(LoadDriver.stringField("{ \"challenge\" :  \"a.b-c\" }", "challenge")).isEqualTo("a.b-c");
        assertThat(LoadDriver.stringField("{\"detail\":\"no \\\"challenge\\\" here\",\"challenge\":\"x\"}", "challenge"))
                .as("the name inside another value is not the field").isEqualTo("x");
        assertThat(LoadDriver.stringField("{\"codeLength\":6}", "challenge")).isNull();
        assertThat(LoadDriver.stringField("{\"codeLength\":6}", "codeLength")).isNull();
    }

    @Test
    void a2xxKeepsItsChallengeAndAnyOtherAnswerItsProblemType() {
        Instant now = Instant.now();

        LoadDriver.Start accepted = LoadDriver.answered("+919000000001", now, now, 202, "{\"challenge\":\"h\"}");
        LoadDriver.Start refused = LoadDriver.answered("+919000000001", now, now, 503,
                "{\"type\":\"https://phonegate.io/problems/busy\",\"challenge\":\"h\"}");

        assertThat(accepted.challenge()).isEqualTo("h");
        assertThat(accepted.failure()).isNull();
        assertThat(refused.challenge()).isNull();
        assertThat(refused.failure()).isEqualTo("busy");
    }
}
