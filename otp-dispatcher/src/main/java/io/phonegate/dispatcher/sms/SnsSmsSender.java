package io.phonegate.dispatcher.sms;

import io.phonegate.dispatcher.DispatcherProperties;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishResponse;

import java.util.HashMap;
import java.util.Map;

/** {@link SmsSender} on Amazon SNS {@code Publish} to a phone number, as a transactional SMS. */
public final class SnsSmsSender implements SmsSender {

    static final String SMS_TYPE = "AWS.SNS.SMS.SMSType";
    static final String SENDER_ID = "AWS.SNS.SMS.SenderID";
    static final String ORIGINATION_NUMBER = "AWS.MM.SMS.OriginationNumber";

    private final SnsClient sns;
    private final Map<String, MessageAttributeValue> attributes;

    public SnsSmsSender(SnsClient sns, DispatcherProperties properties) {
        this.sns = sns;
        Map<String, MessageAttributeValue> fixed = new HashMap<>();
        fixed.put(SMS_TYPE, string("Transactional"));
        if (properties.senderId() != null) {
            fixed.put(SENDER_ID, string(properties.senderId()));
        }
        if (properties.originationNumber() != null) {
            fixed.put(ORIGINATION_NUMBER, string(properties.originationNumber()));
        }
        this.attributes = Map.copyOf(fixed);
    }

    @Override
    public SendResult send(Sms sms) {
        try {
            PublishResponse response = sns.publish(p -> p.phoneNumber(sms.to().e164()).message(sms.text())
                    .messageAttributes(attributes));
            return new SendResult.Accepted(response.messageId());
        } catch (SdkException e) {
            return classify(e);
        }
    }

    /** Throttling, 5xx and client-side failures (timeouts, connections) are worth retrying; other 4xx are not. */
    static SendResult.Refused classify(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? "HTTP " + service.statusCode()
                    : service.awsErrorDetails().errorCode();
            if (service.isThrottlingException() || (code != null && code.startsWith("KMSThrottling"))) {
                return new SendResult.Refused(SendResult.Failure.THROTTLED, code);
            }
            if (service.statusCode() >= 500) {
                return new SendResult.Refused(SendResult.Failure.TRANSIENT, code);
            }
            return new SendResult.Refused(SendResult.Failure.PERMANENT, code);
        }
        if (e instanceof SdkClientException) {
            return new SendResult.Refused(SendResult.Failure.TRANSIENT, e.getClass().getSimpleName());
        }
        return new SendResult.Refused(e.retryable() ? SendResult.Failure.TRANSIENT : SendResult.Failure.PERMANENT,
                e.getClass().getSimpleName());
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
