package io.phonegate.gateway.limits;

import java.security.SecureRandom;
import java.util.Base64;

/** Names of counted starts and answers in the store: unique among one number's few, and short. */
final class SlotIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SlotIds() {
    }

    /**
     * 64 random bits, 11 characters. From {@code SecureRandom}: a start's id travels in its
     * {@code OtpRequested} as its admission, and no one should guess another start's.
     */
    static String next() {
        byte[] bytes = new byte[Long.BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
