package io.phonegate.common.phone;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A phone number that can receive SMS, in E.164 form ({@code +919876543210}).
 *
 * <p>{@link #toString()} is the masked form, so a number that slips into a log line is
 * still masked. Use {@link #e164()} where the full number is meant (Cognito, SNS, Kafka).
 */
public record PhoneNumber(String e164) {

    /** Longer input is refused before parsing: no real number, however formatted, comes close. */
    public static final int MAX_INPUT_LENGTH = 64;

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Set<Integer> CALLING_CODES = Set.copyOf(UTIL.getSupportedCallingCodes());
    /** Types that can receive an SMS; FIXED_LINE_OR_MOBILE is what many countries' plans say. */
    private static final Set<PhoneNumberType> SMS_CAPABLE =
            EnumSet.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE);

    public PhoneNumber {
        Objects.requireNonNull(e164, "phone number is required");
        if (!E164.matcher(e164).matches()) {
            throw new InvalidPhoneNumberException(InvalidPhoneNumberException.Reason.NOT_E164,
                    "a phone number on the wire must be in E.164 form (+ and 7 to 15 digits)");
        }
    }

    /** Reads an E.164 string that another Phonegate component already normalised. */
    @JsonCreator
    public static PhoneNumber ofE164(String e164) {
        return new PhoneNumber(e164);
    }

    /**
     * Parses what a person typed: national or international form, spaces, dashes, dots,
     * brackets, full-width or other Unicode digits.
     *
     * @param defaultRegion ISO 3166 region for numbers typed without a country code (e.g. {@code IN})
     * @throws InvalidPhoneNumberException with the reason a person can act on
     */
    public static PhoneNumber parse(String input, String defaultRegion) {
        if (input == null || input.isBlank()) {
            throw new InvalidPhoneNumberException(InvalidPhoneNumberException.Reason.EMPTY,
                    "a phone number is required");
        }
        if (input.length() > MAX_INPUT_LENGTH) {
            throw new InvalidPhoneNumberException(InvalidPhoneNumberException.Reason.TOO_LONG,
                    "a phone number has at most " + MAX_INPUT_LENGTH + " characters");
        }
        Phonenumber.PhoneNumber parsed;
        try {
            parsed = UTIL.parse(input.strip(), defaultRegion);
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumberException(InvalidPhoneNumberException.Reason.NOT_A_NUMBER,
                    describe(e.getErrorType()));
        }
        // One type lookup, not isValidNumber() and then getNumberType(): the first is the second compared with
        // UNKNOWN, and each matches the number against its country's patterns again (for +1, every NANP region's).
        PhoneNumberType type = UTIL.getNumberType(parsed);
        if (type == PhoneNumberType.UNKNOWN) {
            throw new InvalidPhoneNumberException(InvalidPhoneNumberException.Reason.INVALID,
                    "this is not a valid phone number for its country");
        }
        if (!SMS_CAPABLE.contains(type)) {
            throw new InvalidPhoneNumberException(InvalidPhoneNumberException.Reason.NOT_MOBILE,
                    "this number cannot receive SMS; use a mobile number");
        }
        return new PhoneNumber(UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    @JsonValue
    @Override
    public String e164() {
        return e164;
    }

    /**
     * Whether the number is valid and of a type that receives SMS (mobile, or fixed line or mobile
     * where the plan does not tell them apart): the check {@link #parse} makes, for a number that
     * arrived already in E.164 form from elsewhere.
     */
    public boolean canReceiveSms() {
        try {
            Phonenumber.PhoneNumber parsed = UTIL.parse(e164, "ZZ");
            return SMS_CAPABLE.contains(UTIL.getNumberType(parsed));
        } catch (NumberParseException e) {
            return false;
        }
    }

    /** ISO 3166 region of the number ({@code IN}, {@code US}), or {@code ZZ} if unknown. */
    public String regionCode() {
        String region = UTIL.getRegionCodeForCountryCode(countryCallingCode());
        return region == null ? "ZZ" : region;
    }

    /**
     * The number's country calling code: the first one to three digits that are one (calling codes are
     * prefix-free), as libphonenumber finds it when it parses, without parsing the whole number again (this
     * runs for every log line that names a number).
     */
    public int countryCallingCode() {
        int code = 0;
        for (int i = 1; i <= 3 && i < e164.length(); i++) {
            code = code * 10 + (e164.charAt(i) - '0');
            if (CALLING_CODES.contains(code)) {
                return code;
            }
        }
        // Unreachable for a number that parsed; the first digit is the safest guess.
        return e164.charAt(1) - '0';
    }

    /** The form for logs: country code and last four digits only ({@code +91******3210}). */
    public String masked() {
        String countryCode = "+" + countryCallingCode();
        int hidden = Math.max(0, e164.length() - countryCode.length() - 4);
        return countryCode + "*".repeat(hidden) + e164.substring(countryCode.length() + hidden);
    }

    @Override
    public String toString() {
        return masked();
    }

    private static String describe(NumberParseException.ErrorType type) {
        return switch (type) {
            case INVALID_COUNTRY_CODE -> "the country code is missing or unknown; start with + and the country code";
            case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> "the number is too short";
            case TOO_LONG -> "the number is too long";
            case NOT_A_NUMBER -> "this does not look like a phone number";
        };
    }
}
