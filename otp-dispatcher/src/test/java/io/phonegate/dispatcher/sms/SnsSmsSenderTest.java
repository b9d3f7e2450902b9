package io.phonegate.dispatcher.sms;

import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.devstack.sns.Faults;
import io.phonegate.devstack.sns.SmsMessage;
import io.phonegate.devstack.sns.SnsEmulator;
import io.phonegate.devstack.sns.SnsEmulatorSettings;
import io.phonegate.dispatcher.DispatcherProperties;
import io.phonegate.testsupport.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The SNS edge through the real SDK client, configured as the application configures it, against the emulator. */
class SnsSmsSenderTest {

    private static final PhoneNumber PHONE = PhoneNumber.ofE164("+919876543210");
    private static final DispatcherProperties PROPERTIES = new DispatcherProperties("localhost", "Phonegate", "+14155550199",
            8, new DispatcherProperties.Claims(Duration.ofSeconds(15), Duration.ofHours(1), true),
            new DispatcherProperties.Pacing(20, 1), new DispatcherProperties.Backstop(Set.of("IN"), 50),
            new DispatcherProperties.Retry(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0));

    private static SnsEmulator emulator;
    private static SnsClient client;
    private static SnsSmsSender sender;

    @BeforeAll
    static void start() {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        emulator = SnsEmulator.start(SnsEmulatorSettings.onFreePort());
        // Generous for a loaded build machine: only the slow-call test means to exceed it.
        client = snsClient(emulator.endpoint().toString(), Duration.ofSeconds(2));
        sender = new SnsSmsSender(client, PROPERTIES);
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.setFaults(Faults.NONE);
        emulator.clearInbox();
    }

    @Test
    void acceptedSmsIsTransactionalWithTheConfiguredSenderAndOrigination() {
        SendResult result = sender.send(new Sms(PHONE, "hello"));

        SmsMessage sms = emulator.inbox(PHONE).get(0);
        assertThat(result).isEqualTo(new SendResult.Accepted(sms.messageId()));
        assertThat(sms.attributes()).containsEntry(SmsMessage.SMS_TYPE, "Transactional")
                .containsEntry(SmsMessage.SENDER_ID, "Phonegate")
                .containsEntry(SmsMessage.ORIGINATION_NUMBER, "+14155550199");
    }

    @Test
    void throttlingIsThrottledAndTheSdkDoesNotRetryIt() {
        emulator.setFaults(Faults.NONE.withThrottleRate(1.0));
        long before = emulator.publishCalls();

        assertThat(sender.send(new Sms(PHONE, "x"))).isEqualTo(new SendResult.Refused(SendResult.Failure.THROTTLED, "Throttled"));
        assertThat(emulator.publishCalls() - before).isEqualTo(1);
    }

    @Test
    void internalErrorIsTransientAndTheSdkDoesNotRetryIt() {
        emulator.setFaults(Faults.NONE.withErrorRate(1.0));
        long before = emulator.publishCalls();

        assertThat(sender.send(new Sms(PHONE, "x"))).isEqualTo(new SendResult.Refused(SendResult.Failure.TRANSIENT, "InternalError"));
        assertThat(emulator.publishCalls() - before).isEqualTo(1);
    }

    @Test
    void invalidParameterIsPermanent() {
        emulator.setFaults(Faults.rejecting(PHONE.e164()));

        assertThat(sender.send(new Sms(PHONE, "x")))
                .isEqualTo(new SendResult.Refused(SendResult.Failure.PERMANENT, "InvalidParameter"));
    }

    @Test
    void callSlowerThanTheTimeoutIsTransient() {
        emulator.setFaults(Faults.latency(3_000));

        SendResult result = sender.send(new Sms(PHONE, "x"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Refused.class,
                refused -> assertThat(refused.failure()).isEqualTo(SendResult.Failure.TRANSIENT));
    }

    @Test
    void unreachableEndpointIsTransient() {
        try (SnsClient nowhere = snsClient("http://127.0.0.1:" + FreePorts.next(), Duration.ofMillis(500))) {
            SendResult result = new SnsSmsSender(nowhere, PROPERTIES).send(new Sms(PHONE, "x"));

            assertThat(result).isInstanceOfSatisfying(SendResult.Refused.class,
                    refused -> assertThat(refused.failure()).isEqualTo(SendResult.Failure.TRANSIENT));
        }
    }

    private static SnsClient snsClient(String endpoint, Duration timeout) {
        return new SnsConfiguration().snsClient(new SnsProperties(endpoint, timeout), new AwsProperties("us-east-1"), PROPERTIES);
    }
}
