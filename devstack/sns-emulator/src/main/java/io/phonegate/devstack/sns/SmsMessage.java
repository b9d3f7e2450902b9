package io.phonegate.devstack.sns;

import java.time.Instant;
import java.util.Map;

/**
 * One SMS the emulator accepted.
 *
 * @param phone      the destination in E.164
 * @param attributes the {@code MessageAttributes} sent with it, name to string value
 *                   (e.g. {@code AWS.SNS.SMS.SMSType → Transactional})
 */
public record SmsMessage(String phone, String message, String messageId, Instant receivedAt,
                         Map<String, String> attributes) {

    public static final String SMS_TYPE = "AWS.SNS.SMS.SMSType";
    public static final String SENDER_ID = "AWS.SNS.SMS.SenderID";
    public static final String ORIGINATION_NUMBER = "AWS.MM.SMS.OriginationNumber";

    public SmsMessage {
        attributes = Map.copyOf(attributes);
    }

    /** The {@code AWS.SNS.SMS.SMSType} attribute, or {@code null} when the caller sent none. */
    public String smsType() {
        return attributes.get(SMS_TYPE);
    }
}
