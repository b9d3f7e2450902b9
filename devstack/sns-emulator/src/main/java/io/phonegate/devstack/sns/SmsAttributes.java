package io.phonegate.devstack.sns;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SNS's reserved SMS message attributes and the values SNS documents for them
 * ({@code sns/latest/dg/sms_publish-to-phone.html}, shared platform facts §4). A client that sends
 * a value SNS would refuse is refused here too, so the mistake shows before the first real SMS.
 */
final class SmsAttributes {

    static final Set<String> SMS_TYPES = Set.of("Promotional", "Transactional");

    /** 3–11 letters, digits or hyphens, at least one of them a letter. */
    private static final Pattern SENDER_ID = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9-]{3,11}");
    /** "A custom string of 5–14 numbers, which can include an optional leading plus sign (+)". */
    private static final Pattern ORIGINATION_NUMBER = Pattern.compile("\\+?[0-9]{5,14}");
    private static final Pattern PRICE = Pattern.compile("[0-9]{1,6}(\\.[0-9]{1,6})?");
    /** TRAI's entity and template ids: 1–50 characters. */
    private static final int DLT_ID_MAX = 50;

    private SmsAttributes() {
    }

    /**
     * The attributes as the inbox keeps them (name to string value), or the error SNS answers when one is
     * not acceptable.
     */
    static Result check(Map<String, FormData.Attribute> attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, FormData.Attribute> entry : attributes.entrySet()) {
            String name = entry.getKey();
            FormData.Attribute attribute = entry.getValue();
            String problem = reserved(name) ? problem(name, attribute) : null;
            if (problem != null) {
                return new Result(null, SnsError.parameterValueInvalid(problem));
            }
            if (attribute.stringValue() != null) {
                values.put(name, attribute.stringValue());
            }
        }
        return new Result(values, null);
    }

    record Result(Map<String, String> values, SnsError error) {
    }

    private static boolean reserved(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("aws.") || lower.startsWith("amazon.");
    }

    /** Why SNS would refuse this reserved attribute, or null when it takes it. */
    private static String problem(String name, FormData.Attribute attribute) {
        String value = attribute.stringValue();
        boolean numberAllowed = SmsMessage.MAX_PRICE.equals(name);
        if (!isKnown(name)) {
            return "Message attribute names starting with 'AWS.' or 'Amazon.' are reserved for use by Amazon. '"
                    + name + "' is not one of SNS's SMS attributes (names are case-sensitive: " + known() + ")";
        }
        if (!"String".equals(attribute.dataType()) && !(numberAllowed && "Number".equals(attribute.dataType()))) {
            return "Invalid parameter: MessageAttributes Reason: " + name + " must have DataType String";
        }
        if (value == null) {
            return "Invalid parameter: MessageAttributes Reason: " + name + " has no StringValue";
        }
        return switch (name) {
            case SmsMessage.SMS_TYPE -> SMS_TYPES.contains(value) ? null
                    : reason(name, "must be Promotional or Transactional, was '" + value + "'");
            case SmsMessage.SENDER_ID -> SENDER_ID.matcher(value).matches() ? null
                    : reason(name, "must be 3-11 letters, digits or hyphens with at least one letter, was '" + value + "'");
            case SmsMessage.ORIGINATION_NUMBER -> ORIGINATION_NUMBER.matcher(value).matches() ? null
                    : reason(name, "must be 5-14 digits with an optional leading +, was '" + value + "'");
            case SmsMessage.MAX_PRICE -> PRICE.matcher(value).matches() ? null
                    : reason(name, "must be an amount in USD such as 0.50, was '" + value + "'");
            case SmsMessage.ENTITY_ID, SmsMessage.TEMPLATE_ID -> value.isEmpty() || value.length() > DLT_ID_MAX
                    || !value.strip().equals(value)
                    ? reason(name, "must be 1-" + DLT_ID_MAX + " characters without surrounding spaces, was " + value.length())
                    : null;
            default -> null;
        };
    }

    private static boolean isKnown(String name) {
        return switch (name) {
            case SmsMessage.SMS_TYPE, SmsMessage.SENDER_ID, SmsMessage.ORIGINATION_NUMBER, SmsMessage.MAX_PRICE,
                 SmsMessage.ENTITY_ID, SmsMessage.TEMPLATE_ID -> true;
            default -> false;
        };
    }

    private static String known() {
        return String.join(", ", SmsMessage.SMS_TYPE, SmsMessage.SENDER_ID, SmsMessage.ORIGINATION_NUMBER,
                SmsMessage.MAX_PRICE, SmsMessage.ENTITY_ID, SmsMessage.TEMPLATE_ID);
    }

    private static String reason(String name, String why) {
        return "Invalid parameter: MessageAttributes Reason: " + name + " " + why;
    }
}
