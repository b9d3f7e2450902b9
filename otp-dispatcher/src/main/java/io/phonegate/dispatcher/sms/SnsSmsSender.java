package io.phonegate.dispatcher.sms;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@link SmsSender} on Amazon SNS {@code Publish} to a phone number, as a transactional SMS from its
 * country's sender (and with its DLT template id where DLT is on).
 */
public final class SnsSmsSender implements SmsSender {

    /**
     * Every error code that means "slow down", whatever HTTP status carries it: SNS answers a throttled
     * {@code Publish} with {@code Throttling} (400), its SMS admin calls with {@code Throttled} (429), KMS behind
     * an encrypted topic with {@code KMSThrottling} (400); the rest are the same words other AWS front ends use.
     */
    static final Set<String> THROTTLING_CODES = Set.of("Throttling", "ThrottlingException", "Throttled",
            "ThrottledException", "KMSThrottling", "KMSThrottlingException", "TooManyRequestsException");

    /** Refusal code when an SMS would go to a DLT country in a text form without a template id (never sent). */
    static final String UNREGISTERED_TEXT = "DltTemplateMissing";

    private final SnsClient sns;
    private final CountrySenders senders;

    public SnsSmsSender(SnsClient sns, CountrySenders senders) {
        this.sns = sns;
        this.senders = senders;
    }

    @Override
    public SendResult send(Sms sms) {
        Map<String, MessageAttributeValue> attributes;
        try {
            attributes = messageAttributes(senders.attributes(sms));
        } catch (CountrySenders.UnregisteredTextException e) {
            return new SendResult.Refused(SendResult.Failure.PERMANENT, UNREGISTERED_TEXT);
        }
        try {
            PublishResponse response = sns.publish(p -> p.phoneNumber(sms.to().e164()).message(sms.text())
                    .messageAttributes(attributes));
            return new SendResult.Accepted(response.messageId());
        } catch (SdkException e) {
            return classify(e);
        }
    }

    /**
     * Throttling in any of its forms, 5xx and client-side failures (timeouts, connections) are worth retrying;
     * other 4xx are not. Throttling is recognised by its code, by HTTP 429 and by the SDK's own list, before the
     * status is looked at: a {@code Throttling} answer comes with 400, which alone would read as permanent.
     */
    static SendResult.Refused classify(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            String reported = code == null || code.isBlank() ? "HTTP " + service.statusCode() : code;
            if (THROTTLING_CODES.contains(code) || service.statusCode() == 429 || service.isThrottlingException()) {
                return new SendResult.Refused(SendResult.Failure.THROTTLED, reported);
            }
            if (service.statusCode() >= 500) {
                return new SendResult.Refused(SendResult.Failure.TRANSIENT, reported);
            }
            return new SendResult.Refused(SendResult.Failure.PERMANENT, reported);
        }
        if (e instanceof SdkClientException) {
            return new SendResult.Refused(SendResult.Failure.TRANSIENT, e.getClass().getSimpleName());
        }
        return new SendResult.Refused(e.retryable() ? SendResult.Failure.TRANSIENT : SendResult.Failure.PERMANENT,
                e.getClass().getSimpleName());
    }

    private static Map<String, MessageAttributeValue> messageAttributes(Map<String, String> values) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        values.forEach((name, value) -> attributes.put(name,
                MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        return attributes;
    }
}
