package io.phonegate.common.phone;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PhoneNumberTest {

    @ParameterizedTest(name = "{0} in region {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "+91 98765 43210      | IN | +919876543210",
            "098765 43210         | IN | +919876543210",
            "98765-43210          | IN | +919876543210",
            "(987) 654-3210       | IN | +919876543210",
            "+1 (201) 555-0123    | IN | +12015550123",
            "201.555.0123         | US | +12015550123",
            "+44 7911 123456      | US | +447911123456",
            "07911 123456         | GB | +447911123456",
            "0049 1512 3456789    | DE | +4915123456789",
            "+65 9123 4567        | IN | +6591234567"})
    void normalisesWhatPeopleTypeToE164(String input, String region, String expected) {
        assertThat(PhoneNumber.parse(input, region).e164()).isEqualTo(expected);
    }

    @Test
    void readsFullWidthAndOtherUnicodeDigits() {
        assertThat(PhoneNumber.parse("＋９１９８７６５４３２１０", "US").e164()).isEqualTo("+919876543210");
        assertThat(PhoneNumber.parse("٩٨٧٦٥٤٣٢١٠", "IN").e164()).isEqualTo("+919876543210");
        assertThat(PhoneNumber.parse("९८७६५४३२१०", "IN").e164()).isEqualTo("+919876543210");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void rejectsEmptyInput(String input) {
        assertReason(input, InvalidPhoneNumberException.Reason.EMPTY);
    }

    @Test
    void rejectsNullInput() {
        assertReason(null, InvalidPhoneNumberException.Reason.EMPTY);
    }

    @Test
    void rejectsInputOfHundredCharactersBeforeParsing() {
        assertReason("9".repeat(100), InvalidPhoneNumberException.Reason.TOO_LONG);
        assertReason("+91 " + " ".repeat(96), InvalidPhoneNumberException.Reason.TOO_LONG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "++--", "☎☎☎", "+", "abc12", "<script>", "1", "12"})
    void rejectsWhatIsNotANumber(String input) {
        InvalidPhoneNumberException e = catchThrowableOfType(InvalidPhoneNumberException.class,
                () -> PhoneNumber.parse(input, "IN"));
        assertThat(e.reason()).isIn(InvalidPhoneNumberException.Reason.NOT_A_NUMBER, InvalidPhoneNumberException.Reason.INVALID);
        assertThat(e.getMessage()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+91 00000 00000", "+1 000 000 0000", "+999 1234567", "12345"})
    void rejectsInvalidNumbers(String input) {
        InvalidPhoneNumberException e = catchThrowableOfType(InvalidPhoneNumberException.class,
                () -> PhoneNumber.parse(input, "IN"));
        assertThat(e.reason()).isIn(InvalidPhoneNumberException.Reason.INVALID, InvalidPhoneNumberException.Reason.NOT_A_NUMBER);
    }

    @ParameterizedTest(name = "{0} is not mobile")
    @ValueSource(strings = {"+44 20 7946 0958", "+91 11 2345 6789", "+1 800 555 0123", "+49 30 1234567"})
    void rejectsFixedLineAndTollFreeNumbers(String input) {
        assertReason(input, InvalidPhoneNumberException.Reason.NOT_MOBILE);
    }

    @ParameterizedTest(name = "{0} cannot receive SMS")
    @ValueSource(strings = {"+442079460958", "+911123456789", "+18005550123", "+9100000000000", "+9991234567"})
    void numbersOnTheWireThatAreNotMobileOrNotValidCannotReceiveSms(String e164) {
        assertThat(PhoneNumber.ofE164(e164).canReceiveSms()).isFalse();
    }

    @ParameterizedTest(name = "{0} can receive SMS")
    @ValueSource(strings = {"+919876543210", "+447911123456", "+12015550123"})
    void mobileNumbersOnTheWireCanReceiveSms(String e164) {
        assertThat(PhoneNumber.ofE164(e164).canReceiveSms()).isTrue();
    }

    @Test
    void acceptsNumbersThatMayBeMobileWhereThePlanCannotTell() {
        // In the US and Canada, a number's type cannot be known from its digits.
        assertThat(PhoneNumber.parse("+1 201 555 0123", "US").regionCode()).isEqualTo("US");
    }

    @Test
    void masksAllButCountryCodeAndLastFourDigits() {
        assertThat(PhoneNumber.ofE164("+919876543210").masked()).isEqualTo("+91******3210");
        assertThat(PhoneNumber.ofE164("+12015550123").masked()).isEqualTo("+1******0123");
        assertThat(PhoneNumber.ofE164("+6591234567").masked()).isEqualTo("+65****4567");
    }

    @Test
    void toStringIsMaskedSoLogsNeverHoldTheNumber() {
        assertThat(PhoneNumber.ofE164("+919876543210").toString()).isEqualTo("+91******3210").doesNotContain("9876543210");
    }

    @Test
    void knowsRegionAndCountryCallingCode() {
        PhoneNumber number = PhoneNumber.ofE164("+447911123456");
        assertThat(number.regionCode()).isEqualTo("GB");
        assertThat(number.countryCallingCode()).isEqualTo(44);
    }

    @ParameterizedTest
    @ValueSource(strings = {"919876543210", "+0919876543210", "+91 98765", "+91987654321012345", ""})
    void wireFormRequiresStrictE164(String wire) {
        assertThatThrownBy(() -> PhoneNumber.ofE164(wire)).isInstanceOf(InvalidPhoneNumberException.class)
                .hasMessageContaining("E.164");
    }

    @Test
    void arbitraryInputNeverFailsWithAnythingButAReason() {
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            String input = randomText(random);
            try {
                PhoneNumber parsed = PhoneNumber.parse(input, "IN");
                assertThat(parsed.e164()).matches("\\+[1-9][0-9]{6,14}");
            } catch (InvalidPhoneNumberException e) {
                assertThat(e.reason()).isNotNull();
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }

    private static String randomText(Random random) {
        String alphabet = "0123456789 +-().#*xXext/\\٠١٢३４\u0000\u202e\uffff😀aé";
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(80);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static void assertReason(String input, InvalidPhoneNumberException.Reason reason) {
        InvalidPhoneNumberException e = catchThrowableOfType(InvalidPhoneNumberException.class,
                () -> PhoneNumber.parse(input, "IN"));
        assertThat(e).as("parse(%s)", input).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.getMessage()).isNotBlank();
    }

    @Test
    void theCallingCodeIsTheOneLibphonenumberFindsForEveryCountry() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        for (String region : util.getSupportedRegions()) {
            var example = util.getExampleNumberForType(region, PhoneNumberUtil.PhoneNumberType.MOBILE);
            if (example == null) {
                continue;
            }
            PhoneNumber number = PhoneNumber.ofE164(util.format(example, PhoneNumberUtil.PhoneNumberFormat.E164));
            assertThat(number.countryCallingCode()).as(region).isEqualTo(example.getCountryCode());
        }
        for (int code : util.getSupportedGlobalNetworkCallingCodes()) {
            var example = util.getExampleNumberForNonGeoEntity(code);
            if (example != null) {
                String e164 = util.format(example, PhoneNumberUtil.PhoneNumberFormat.E164);
                assertThat(PhoneNumber.ofE164(e164).countryCallingCode()).as(e164).isEqualTo(code);
            }
        }
    }

    /**
     * {@link PhoneNumber#parse} asks libphonenumber for the type alone and reads {@code UNKNOWN} as invalid,
     * instead of {@code isValidNumber} first: that holds only while the two agree, which this checks for every
     * region's example numbers of every type and for random numbers near them (a library upgrade could change it).
     */
    @Test
    void anUnknownTypeIsExactlyWhatLibphonenumberCallsInvalid() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        Random random = new Random(7);
        int checked = 0;
        int invalid = 0;
        for (String region : util.getSupportedRegions()) {
            for (PhoneNumberUtil.PhoneNumberType type : PhoneNumberUtil.PhoneNumberType.values()) {
                var example = util.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                String e164 = util.format(example, PhoneNumberUtil.PhoneNumberFormat.E164);
                for (int i = 0; i < 8; i++) {
                    String candidate = i == 0 ? e164 : nearby(e164, random);
                    try {
                        var parsed = util.parse(candidate, "ZZ");
                        boolean unknown = util.getNumberType(parsed) == PhoneNumberUtil.PhoneNumberType.UNKNOWN;
                        assertThat(unknown).as(candidate).isEqualTo(!util.isValidNumber(parsed));
                        checked++;
                        invalid += unknown ? 1 : 0;
                    } catch (com.google.i18n.phonenumbers.NumberParseException notANumber) {
                        // too short or long after the change: nothing to compare
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(10_000);
        assertThat(invalid).as("some of the nearby numbers are invalid, so both answers were compared").isGreaterThan(500);
    }

    /** The same number with a few of its last digits changed, one dropped or one added. */
    private static String nearby(String e164, Random random) {
        StringBuilder digits = new StringBuilder(e164);
        switch (random.nextInt(3)) {
            case 0 -> digits.deleteCharAt(digits.length() - 1);
            case 1 -> digits.append(random.nextInt(10));
            default -> {
            }
        }
        for (int i = 0; i < 3; i++) {
            int at = digits.length() - 1 - random.nextInt(Math.min(6, digits.length() - 4));
            digits.setCharAt(at, (char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }
}
