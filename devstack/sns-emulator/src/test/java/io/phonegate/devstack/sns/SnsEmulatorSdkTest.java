package io.phonegate.devstack.sns;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InternalErrorException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.ThrottledException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The emulator as the real AWS SDK v2 client sees it: answers parse, errors map to SNS's exceptions. */
class SnsEmulatorSdkTest {

    private static final String PHONE = "+919876543210";

    private static SnsEmulator emulator;
    private static SnsClient sns;

    @BeforeAll
    static void start() {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        emulator = SnsEmulator.start(SnsEmulatorSettings.onFreePort());
        sns = SnsClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterAll
    static void stop() {
        sns.close();
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.clearInbox();
        emulator.setFaults(Faults.NONE);
    }

    @Test
    void publishedSmsLandsInTheInboxWithItsAttributesAndTheReturnedMessageId() {
        PublishResponse response = sns.publish(p -> p.phoneNumber(PHONE).message("123456 is your code")
                .messageAttributes(Map.of(SmsMessage.SMS_TYPE, string("Transactional"),
                        SmsMessage.SENDER_ID, string("Phonegate"))));

        assertThat(emulator.inbox(PHONE)).singleElement().satisfies(sms -> {
            assertThat(sms.messageId()).isEqualTo(response.messageId());
            assertThat(sms.message()).isEqualTo("123456 is your code");
            assertThat(sms.smsType()).isEqualTo("Transactional");
            assertThat(sms.attributes()).containsEntry(SmsMessage.SENDER_ID, "Phonegate");
        });
        assertThat(response.responseMetadata().requestId()).isNotBlank();
    }

    @Test
    void unicodeMessageArrivesUnchanged() {
        sns.publish(p -> p.phoneNumber(PHONE).message("आपका कोड 123456 है\n\n@localhost #123456"));

        assertThat(emulator.inbox(PHONE)).singleElement()
                .extracting(SmsMessage::message).isEqualTo("आपका कोड 123456 है\n\n@localhost #123456");
    }

    @Test
    void throttlingFaultIsAThrottlingExceptionToTheSdk() {
        emulator.setFaults(Faults.NONE.withThrottleRate(1.0));

        ThrottledException thrown = catchThrowableOfType(ThrottledException.class,
                () -> sns.publish(p -> p.phoneNumber(PHONE).message("x")));

        assertThat(thrown.isThrottlingException()).isTrue();
        assertThat(thrown.statusCode()).isEqualTo(429);
        assertThat(thrown.awsErrorDetails().errorCode()).isEqualTo("Throttled");
        assertThat(emulator.inbox(PHONE)).isEmpty();
    }

    @Test
    void errorFaultIsAnInternalErrorWithStatus500() {
        emulator.setFaults(Faults.NONE.withErrorRate(1.0));

        InternalErrorException thrown = catchThrowableOfType(InternalErrorException.class,
                () -> sns.publish(p -> p.phoneNumber(PHONE).message("x")));

        assertThat(thrown.statusCode()).isEqualTo(500);
        assertThat(thrown.awsErrorDetails().errorCode()).isEqualTo("InternalError");
        assertThat(emulator.inbox(PHONE)).isEmpty();
    }

    @Test
    void rejectedNumberIsAnInvalidParameterThatIsNotThrottling() {
        emulator.setFaults(Faults.rejecting(PHONE));

        InvalidParameterException thrown = catchThrowableOfType(InvalidParameterException.class,
                () -> sns.publish(p -> p.phoneNumber(PHONE).message("x")));

        assertThat(thrown.statusCode()).isEqualTo(400);
        assertThat(thrown.isThrottlingException()).isFalse();
        assertThat(emulator.inbox(PHONE)).isEmpty();
    }

    @Test
    void throttledNumberFailsTransientlyWhileOtherNumbersGoThrough() {
        emulator.setFaults(Faults.throttling(PHONE));

        ThrottledException thrown = catchThrowableOfType(ThrottledException.class,
                () -> sns.publish(p -> p.phoneNumber(PHONE).message("x")));
        sns.publish(p -> p.phoneNumber("+14155550100").message("y"));

        assertThat(thrown.isThrottlingException()).isTrue();
        assertThat(emulator.inbox(PHONE)).isEmpty();
        assertThat(emulator.inbox("+14155550100")).hasSize(1);
    }

    @Test
    void numberNotInE164FormIsAnInvalidParameter() {
        InvalidParameterException thrown = catchThrowableOfType(InvalidParameterException.class,
                () -> sns.publish(p -> p.phoneNumber("98765").message("x")));

        assertThat(thrown.awsErrorDetails().errorMessage()).contains("PhoneNumber");
    }

    @Test
    void publishToATopicIsRefusedAsOutOfScope() {
        SnsException thrown = catchThrowableOfType(SnsException.class,
                () -> sns.publish(p -> p.topicArn("arn:aws:sns:us-east-1:000000000000:t").message("x")));

        assertThat(thrown.statusCode()).isEqualTo(400);
    }

    @Test
    void everyPublishCallIsCountedFailedOnesIncluded() {
        long before = emulator.publishCalls();
        sns.publish(p -> p.phoneNumber(PHONE).message("x"));
        emulator.setFaults(Faults.NONE.withErrorRate(1.0));
        catchThrowableOfType(InternalErrorException.class, () -> sns.publish(p -> p.phoneNumber(PHONE).message("x")));

        assertThat(emulator.publishCalls() - before).isEqualTo(2);
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
