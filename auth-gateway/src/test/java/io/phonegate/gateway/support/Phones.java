package io.phonegate.gateway.support;

import io.phonegate.common.phone.PhoneNumber;

import java.util.concurrent.ThreadLocalRandom;

/** Fresh valid mobile numbers, so each test has users nobody else touched. */
public final class Phones {

    private Phones() {
    }

    /** A random valid Indian mobile number in E.164. */
    public static String fresh() {
        return draw("+919", 13, "IN");
    }

    /** A random valid US number (New Jersey, 201) in E.164: a number of another country than the default. */
    public static String freshUs() {
        return draw("+1201", 12, "US");
    }

    private static String draw(String prefix, int length, String region) {
        int digits = length - prefix.length();
        while (true) {
            String candidate = prefix + String.format("%0" + digits + "d",
                    ThreadLocalRandom.current().nextLong((long) Math.pow(10, digits)));
            try {
                return PhoneNumber.parse(candidate, region).e164();
            } catch (IllegalArgumentException e) {
                // not a mobile number in the plan; draw again
            }
        }
    }
}
