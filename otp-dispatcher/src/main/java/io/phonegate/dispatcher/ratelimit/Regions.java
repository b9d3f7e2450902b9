package io.phonegate.dispatcher.ratelimit;

import io.phonegate.common.phone.PhoneNumber;

import java.util.HashMap;
import java.util.Map;

/**
 * The region of a number, from its country calling code, without parsing it again each time
 * (parsing was a third of the consumer thread's time). Calling codes are prefix-free (no code
 * starts another), so a number's code is the one known code its digits start with. Not thread-safe:
 * used under {@link SendAdmission}'s lock.
 */
final class Regions {

    private static final int LONGEST_CALLING_CODE = 3;

    private final Map<String, String> byCallingCode = new HashMap<>();

    String of(PhoneNumber phone) {
        String digits = phone.e164().substring(1);
        for (int length = 1; length <= LONGEST_CALLING_CODE && length < digits.length(); length++) {
            String region = byCallingCode.get(digits.substring(0, length));
            if (region != null) {
                return region;
            }
        }
        String region = phone.regionCode();
        byCallingCode.put(Integer.toString(phone.countryCallingCode()), region);
        return region;
    }
}
