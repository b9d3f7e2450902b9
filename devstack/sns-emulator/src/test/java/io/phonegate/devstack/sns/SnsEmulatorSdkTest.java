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
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
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

    /** As SNS answers a throttled Publish: {@code Throttling}, "Rate exceeded", 400; not the admin calls' {@code Throttled}/429. */
    @Test
    void throttlingFaultIsSnsThrottlingAnswerWithStatus400ThatTheSdkCallsThrottling() {
        emulator.setFaults(Faults.NONE.withThrottleRate(1.0));

        SnsException thrown = catchThrowableOfType(SnsException.class,
                () -> sns.publish(p -> p.phoneNumber(PHONE).message("x")));

        assertThat(thrown).isNotInstanceOf(ThrottledException.class);
        assertThat(thrown.isThrottlingException()).isTrue();
        assertThat(thrown.statusCode()).isEqualTo(400);
        assertThat(thrown.awsErrorDetails().errorCode()).isEqualTo("Throttling");
        assertThat(thrown.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
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

        SnsException thrown = catchThrowableOfType(SnsException.class,
                () -> sns.publish(p -> p.phoneNumber(PHONE).message("x")));
        sns.publish(p -> p.phoneNumber("+14155550100").message("y"));

        assertThat(thrown.isThrottlingException()).isTrue();
        assertThat(emulator.inbox(PHONE)).isEmpty();
        assertThat(emulator.inbox("+14155550100")).hasSize(1);
    }

    @Test
    void dltEntityAndTemplateIdsLandInTheInboxWithTheSms() {
        sns.publish(p -> p.phoneNumber(PHONE).message("123456 is your code")
                .messageAttributes(Map.of(SmsMessage.SMS_TYPE, string("Transactional"), SmsMessage.SENDER_ID, string("PHNGTE"),
                        SmsMessage.ENTITY_ID, string("1101234567890123456"),
                        SmsMessage.TEMPLATE_ID, string("1107234567890123456"))));

        assertThat(emulator.inbox(PHONE)).singleElement().satisfies(sms -> {
            assertThat(sms.entityId()).isEqualTo("1101234567890123456");
            assertThat(sms.templateId()).isEqualTo("1107234567890123456");
            assertThat(sms.senderId()).isEqualTo("PHNGTE");
        });
    }

    @Test
    void smsTypeOtherThanPromotionalOrTransactionalIsRefused() {
        SnsException thrown = refused(Map.of(SmsMessage.SMS_TYPE, string("transactional")));

        assertThat(thrown.awsErrorDetails().errorMessage()).contains(SmsMessage.SMS_TYPE, "Promotional or Transactional");
    }

    @Test
    void senderIdOverElevenCharactersOrWithoutALetterIsRefused() {
        assertThat(refused(Map.of(SmsMessage.SENDER_ID, string("Phonegate-IN"))).awsErrorDetails().errorMessage())
                .contains(SmsMessage.SENDER_ID, "3-11");
        refused(Map.of(SmsMessage.SENDER_ID, string("123456")));
        refused(Map.of(SmsMessage.SENDER_ID, string("Phone gate")));

        sns.publish(p -> p.phoneNumber(PHONE).message("x").messageAttributes(Map.of(SmsMessage.SENDER_ID, string("Phone-gate1"))));
        assertThat(emulator.inbox(PHONE)).hasSize(1);
    }

    @Test
    void dltIdsOutsideOneToFiftyCharactersAreRefused() {
        refused(Map.of(SmsMessage.ENTITY_ID, string("1".repeat(51))));
        refused(Map.of(SmsMessage.TEMPLATE_ID, string("")));
        refused(Map.of(SmsMessage.TEMPLATE_ID, string(" 1107234567890123456")));

        sns.publish(p -> p.phoneNumber(PHONE).message("x").messageAttributes(Map.of(SmsMessage.ENTITY_ID, string("1".repeat(50)),
                SmsMessage.TEMPLATE_ID, string("7"))));
        assertThat(emulator.inbox(PHONE)).hasSize(1);
    }

    @Test
    void originationNumberAndMaxPriceMustHaveTheirShapes() {
        refused(Map.of(SmsMessage.ORIGINATION_NUMBER, string("+1415")));
        refused(Map.of(SmsMessage.MAX_PRICE, string("cheap")));

        sns.publish(p -> p.phoneNumber(PHONE).message("x").messageAttributes(Map.of(
                SmsMessage.ORIGINATION_NUMBER, string("+14155550199"), SmsMessage.MAX_PRICE, string("0.50"))));
        assertThat(emulator.inbox(PHONE)).hasSize(1);
    }

    /** A misspelt reserved name (the SNS-prefixed TemplateId people try first) is refused, as SNS refuses it. */
    @Test
    void unknownReservedAttributeNameIsRefused() {
        SnsException thrown = refused(Map.of("AWS.SNS.SMS.TemplateId", string("1107234567890123456")));

        assertThat(thrown.awsErrorDetails().errorMessage()).contains("reserved for use by Amazon", SmsMessage.TEMPLATE_ID);
    }

    @Test
    void reservedAttributeWithANonStringDataTypeIsRefusedAndOwnAttributesPassThrough() {
        refused(Map.of(SmsMessage.SMS_TYPE, MessageAttributeValue.builder().dataType("Number").stringValue("1").build()));

        sns.publish(p -> p.phoneNumber(PHONE).message("x").messageAttributes(Map.of("app.trace", string("t-1"))));
        assertThat(emulator.inbox(PHONE)).singleElement().satisfies(sms -> assertThat(sms.attributes()).containsEntry("app.trace", "t-1"));
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

    /** The publish is refused as SNS refuses a bad attribute value, and nothing reaches the inbox. */
    private static SnsException refused(Map<String, MessageAttributeValue> attributes) {
        SnsException thrown = catchThrowableOfType(InvalidParameterValueException.class,
                () -> sns.publish(p -> p.phoneNumber(PHONE).message("x").messageAttributes(attributes)));
        assertThat(thrown).as("refused: " + attributes).isNotNull();
        assertThat(thrown.statusCode()).isEqualTo(400);
        assertThat(thrown.awsErrorDetails().errorCode()).isEqualTo("ParameterValueInvalid");
        assertThat(thrown.isThrottlingException()).isFalse();
        assertThat(emulator.inbox(PHONE)).isEmpty();
        return thrown;
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
