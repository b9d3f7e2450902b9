package io.phonegate.gateway.limits;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** Names of counted starts and answers in the store: unique among one number's few, and short. */
final class SlotIds {

    private SlotIds() {
    }

    /** 64 random bits, 11 characters. */
    static String next() {
        byte[] bytes = ByteBuffer.allocate(Long.BYTES).putLong(ThreadLocalRandom.current().nextLong()).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
