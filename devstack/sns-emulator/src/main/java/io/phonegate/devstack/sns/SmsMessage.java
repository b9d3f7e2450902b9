package io.phonegate.devstack.sns;

import java.time.Instant;
import java.util.Map;

/**
 * One SMS the emulator accepted.
 *
 * @param phone      the destination in E.164
 * @param attributes the {@code MessageAttributes} sent with it, name to string value
 *                   (e.g. {@code AWS.SNS.SMS.SMSType → Transactional}, {@code AWS.MM.SMS.TemplateId → 1107…})
 */
public record SmsMessage(String phone, String message, String messageId, Instant receivedAt,
                         Map<String, String> attributes) {

    public static final String SMS_TYPE = "AWS.SNS.SMS.SMSType";
    public static final String SENDER_ID = "AWS.SNS.SMS.SenderID";
    public static final String ORIGINATION_NUMBER = "AWS.MM.SMS.OriginationNumber";
    public static final String MAX_PRICE = "AWS.SNS.SMS.MaxPrice";
    /** India's DLT: the sender's TRAI entity id. */
    public static final String ENTITY_ID = "AWS.MM.SMS.EntityId";
    /** India's DLT: the id of the registered template the text matches. */
    public static final String TEMPLATE_ID = "AWS.MM.SMS.TemplateId";

    public SmsMessage {
        attributes = Map.copyOf(attributes);
    }

    /** The {@code AWS.SNS.SMS.SMSType} attribute, or {@code null} when the caller sent none. */
    public String smsType() {
        return attributes.get(SMS_TYPE);
    }

    /** The {@code AWS.SNS.SMS.SenderID} attribute, or {@code null}. */
    public String senderId() {
        return attributes.get(SENDER_ID);
    }

    /** The DLT {@code AWS.MM.SMS.EntityId} attribute, or {@code null}. */
    public String entityId() {
        return attributes.get(ENTITY_ID);
    }

    /** The DLT {@code AWS.MM.SMS.TemplateId} attribute, or {@code null}. */
    public String templateId() {
        return attributes.get(TEMPLATE_ID);
    }
}
