package io.phonegate.gateway.support;

import io.phonegate.common.event.Topics;
import io.phonegate.devstack.cognito.CognitoFaults;
import io.phonegate.testsupport.kafka.TopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A whole gateway whose tests watch what a start publishes (sign-up announcements and code requests)
 * while they make Cognito fail: every test reads both topics and leaves the emulator healed.
 */
public abstract class StartEventsIntegrationTest extends GatewayIntegrationTest {

    protected GatewayHttp http;
    protected TopicReader announcements;
    protected TopicReader otps;

    @BeforeEach
    void openStartEvents() {
        http = http();
        announcements = TopicReader.open(bootstrapServers(), Topics.SIGNUP_REQUESTED);
        otps = TopicReader.open(bootstrapServers(), Topics.OTP_REQUESTED);
    }

    @AfterEach
    void healCognitoAndClose() {
        EmulatedCognito.emulator().setFaults(CognitoFaults.NONE);
        announcements.close();
        otps.close();
    }
}
