package io.phonegate.dispatcher.sms;

import io.phonegate.common.event.OtpPurpose;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.common.timeouts.CallTimeouts;
import io.phonegate.devstack.sns.Faults;
import io.phonegate.devstack.sns.SmsMessage;
import io.phonegate.devstack.sns.SnsEmulator;
import io.phonegate.devstack.sns.SnsEmulatorSettings;
import io.phonegate.dispatcher.DispatcherProperties;
import io.phonegate.dispatcher.TestSettings;
import io.phonegate.dispatcher.message.SmsTemplates;
import io.phonegate.testsupport.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SNS edge through the real SDK client, configured as the application configures it, against the emulator. */
class SnsSmsSenderTest {

    private static final PhoneNumber PHONE = PhoneNumber.ofE164("+919876543210");
    private static final PhoneNumber UK_PHONE = PhoneNumber.ofE164("+447700900123");
    private static final TextForm FORM = new TextForm("en", OtpPurpose.LOGIN, TextForm.Length.LONG);
    private static final DispatcherProperties PROPERTIES = TestSettings.dispatcher(
            "sender-id", "Phonegate", "origination-number", "+14155550199", "max-in-flight", "8",
            "countries.IN.sender-id", "PHNGTE",
            "countries.IN.dlt.entity-id", "1101000000000000001",
            "countries.IN.dlt.templates.en-login-long", "1107000000000000011",
            "countries.IN.dlt.templates.en-signup-long", "1107000000000000012",
            "countries.IN.dlt.templates.hi-login-long", "1107000000000000021",
            "countries.IN.dlt.templates.hi-signup-long", "1107000000000000022",
            "countries.IN.dlt.templates.hi-login-short", "1107000000000000023",
            "countries.IN.dlt.templates.hi-signup-short", "1107000000000000023");
    /** The real texts with the host of the settings above: English always long, Hindi long or short by code length. */
    private static final SmsTexts TEXTS = new SmsTemplates("localhost", null);

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
        sender = new SnsSmsSender(client, new CountrySenders(PROPERTIES, TEXTS));
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
    void smsToIndiaIsTransactionalFromItsDltSenderWithTheEntityAndTheTemplateOfItsForm() {
        SendResult result = sender.send(new Sms(PHONE, "hello", new TextForm("hi", OtpPurpose.SIGNUP, TextForm.Length.LONG)));

        SmsMessage sms = emulator.inbox(PHONE).get(0);
        assertThat(result).isEqualTo(new SendResult.Accepted(sms.messageId()));
        assertThat(sms.attributes()).containsEntry(SmsMessage.SMS_TYPE, "Transactional")
                .containsEntry(SmsMessage.SENDER_ID, "PHNGTE")
                .containsEntry(SmsMessage.ORIGINATION_NUMBER, "+14155550199")
                .containsEntry(SmsMessage.ENTITY_ID, "1101000000000000001")
                .containsEntry(SmsMessage.TEMPLATE_ID, "1107000000000000022");
    }

    @Test
    void smsElsewhereCarriesTheDefaultSenderAndNoDltAttributes() {
        sender.send(new Sms(UK_PHONE, "hello", FORM));

        assertThat(emulator.inbox(UK_PHONE)).singleElement().satisfies(sms -> assertThat(sms.attributes()).containsOnly(
                Map.entry(SmsMessage.SMS_TYPE, "Transactional"), Map.entry(SmsMessage.SENDER_ID, "Phonegate"),
                Map.entry(SmsMessage.ORIGINATION_NUMBER, "+14155550199")));
    }

    /** Never sent: an Indian carrier would drop a text that matches no registered template. */
    @Test
    void smsToADltCountryInAFormWithoutATemplateIdIsRefusedForGoodWithoutCallingSns() {
        long before = emulator.publishCalls();

        SendResult result = sender.send(new Sms(PHONE, "hello", new TextForm("en", OtpPurpose.LOGIN, TextForm.Length.SHORT)));

        assertThat(result).isEqualTo(new SendResult.Refused(SendResult.Failure.PERMANENT, SnsSmsSender.UNREGISTERED_TEXT));
        assertThat(emulator.publishCalls()).isEqualTo(before);
    }

    @Test
    void throttlingIsThrottledAndTheSdkDoesNotRetryIt() {
        emulator.setFaults(Faults.NONE.withThrottleRate(1.0));
        long before = emulator.publishCalls();

        assertThat(sender.send(new Sms(PHONE, "x", FORM))).isEqualTo(new SendResult.Refused(SendResult.Failure.THROTTLED, "Throttling"));
        assertThat(emulator.publishCalls() - before).isEqualTo(1);
    }

    @Test
    void internalErrorIsTransientAndTheSdkDoesNotRetryIt() {
        emulator.setFaults(Faults.NONE.withErrorRate(1.0));
        long before = emulator.publishCalls();

        assertThat(sender.send(new Sms(PHONE, "x", FORM))).isEqualTo(new SendResult.Refused(SendResult.Failure.TRANSIENT, "InternalError"));
        assertThat(emulator.publishCalls() - before).isEqualTo(1);
    }

    @Test
    void invalidParameterIsPermanent() {
        emulator.setFaults(Faults.rejecting(PHONE.e164()));

        assertThat(sender.send(new Sms(PHONE, "x", FORM)))
                .isEqualTo(new SendResult.Refused(SendResult.Failure.PERMANENT, "InvalidParameter"));
    }

    @Test
    void callSlowerThanTheTimeoutIsTransient() {
        emulator.setFaults(Faults.latency(3_000));

        SendResult result = sender.send(new Sms(PHONE, "x", FORM));

        assertThat(result).isInstanceOfSatisfying(SendResult.Refused.class,
                refused -> assertThat(refused.failure()).isEqualTo(SendResult.Failure.TRANSIENT));
    }

    @Test
    void unreachableEndpointIsTransient() {
        try (SnsClient nowhere = snsClient("http://127.0.0.1:" + FreePorts.next(), Duration.ofMillis(500))) {
            SendResult result = new SnsSmsSender(nowhere, new CountrySenders(PROPERTIES, TEXTS))
                    .send(new Sms(PHONE, "x", FORM));

            assertThat(result).isInstanceOfSatisfying(SendResult.Refused.class,
                    refused -> assertThat(refused.failure()).isEqualTo(SendResult.Failure.TRANSIENT));
        }
    }

    /** One daemon timeout thread for the clients these tests make (the application closes its own with the context). */
    private static final CallTimeouts CALL_TIMEOUTS = new CallTimeouts("test-sns-call-timeouts");

    static SnsClient snsClient(String endpoint, Duration timeout) {
        return new SnsConfiguration().snsClient(new SnsProperties(endpoint, timeout), new AwsProperties("us-east-1"), PROPERTIES,
                CALL_TIMEOUTS);
    }
}
