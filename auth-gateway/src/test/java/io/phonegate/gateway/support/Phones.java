package io.phonegate.gateway.support;

import io.phonegate.common.phone.PhoneNumber;

import java.util.concurrent.ThreadLocalRandom;

/** Fresh valid mobile numbers, so each test has users nobody else touched. */
public final class Phones {

    private Phones() {
    }

    /** A random valid Indian mobile number in E.164. */
    public static String fresh() {
        while (true) {
            String candidate = "+919" + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
            try {
                return PhoneNumber.parse(candidate, "IN").e164();
            } catch (IllegalArgumentException e) {
                // not a mobile number in the plan; draw again
            }
        }
    }
}
