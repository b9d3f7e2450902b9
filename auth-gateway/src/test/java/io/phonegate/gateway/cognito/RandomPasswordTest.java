package io.phonegate.gateway.cognito;

import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

class RandomPasswordTest {

    private final RandomPassword passwords = new RandomPassword();

    @RepeatedTest(50)
    void everyPasswordMeetsCognitosDefaultPolicy() {
        String password = passwords.next();

        assertThat(password).hasSizeGreaterThanOrEqualTo(8)
                .containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[0-9]")
                .containsPattern("[\\^$*.\\[\\]{}()?!@#%&/,><:;|_~]");
    }
}
