package io.phonegate.devstack.sns;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** The WebOTP origin-bound last line of a code's text: {@code @host #123456}. */
    private static final Pattern ORIGIN_BOUND_CODE = Pattern.compile("#([0-9]{4,10})\\s*$");

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

    /** The code on the text's origin-bound last line ({@code @host #123456}), if it has one. */
    public Optional<String> originBoundCode() {
        Matcher matcher = ORIGIN_BOUND_CODE.matcher(message);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The DLT {@code AWS.MM.SMS.TemplateId} attribute, or {@code null}. */
    public String templateId() {
        return attributes.get(TEMPLATE_ID);
    }
}
