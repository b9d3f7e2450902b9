package io.phonegate.gateway.auth;

import io.phonegate.common.phone.InvalidPhoneNumberException;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.gateway.config.GatewayProperties;
import io.phonegate.gateway.problem.ApiProblem;
import io.phonegate.gateway.problem.Problem;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.regex.Pattern;

/** Checks what clients send before anything reaches Cognito; each refusal names what to fix. */
@Component
class AuthInputs {

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}");

    private final String defaultRegion;
    private final GatewayProperties properties;
    private final Pattern code;

    AuthInputs(GatewayProperties properties) {
        this.properties = properties;
        this.defaultRegion = properties.defaultRegion();
        this.code = Pattern.compile("[0-9]{" + properties.codeLength() + "}");
    }

    /** The number in E.164, if it can receive SMS and is in an allowed country. */
    PhoneNumber phone(String input) {
        if (input == null) {
            throw new ApiProblem(Problem.INVALID_REQUEST, "field 'phone' is required");
        }
        if (input.codePoints().anyMatch(AuthInputs::invisible)) {
            throw new ApiProblem(Problem.INVALID_PHONE, "the phone number contains control or invisible characters");
        }
        PhoneNumber phone;
        try {
            phone = PhoneNumber.parse(input, defaultRegion);
        } catch (InvalidPhoneNumberException e) {
            throw new ApiProblem(Problem.INVALID_PHONE, e.getMessage());
        }
        if (!properties.allowedCountries().contains(phone.regionCode())) {
            throw new ApiProblem(Problem.COUNTRY_NOT_ALLOWED,
                    "codes are not sent to numbers in " + phone.regionCode() + "; allowed: "
                            + String.join(", ", properties.allowedCountries().stream().sorted().toList()));
        }
        return phone;
    }

    /** Control and format characters (NUL, bidi overrides, zero-width joiners) hide what a number really is. */
    private static boolean invisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.SURROGATE || type == Character.PRIVATE_USE;
    }

    /** A BCP 47 tag in canonical form; {@code en} when absent. */
    String locale(String input) {
        if (input == null || input.isEmpty()) {
            return "en";
        }
        if (input.length() > 35 || !LANGUAGE_TAG.matcher(input).matches()) {
            throw new ApiProblem(Problem.INVALID_LOCALE, "locale must be a BCP 47 language tag such as en or hi-IN");
        }
        return Locale.forLanguageTag(input).toLanguageTag();
    }

    String code(String input) {
        if (input == null) {
            throw new ApiProblem(Problem.INVALID_REQUEST, "field 'code' is required");
        }
        if (!code.matcher(input).matches()) {
            throw new ApiProblem(Problem.INVALID_CODE, "the code is " + properties.codeLength() + " digits 0-9");
        }
        return input;
    }
}
