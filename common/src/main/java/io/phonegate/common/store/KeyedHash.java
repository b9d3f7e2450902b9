package io.phonegate.common.store;

import io.phonegate.common.keys.HmacSha256;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A name in the shared store for something that must not appear there itself (a phone number, a
 * client address): HMAC-SHA256 under a secret key, first 128 bits, base64url. Without the key a dump
 * of the store cannot be turned back into what was hashed by trying every candidate.
 */
public final class KeyedHash {

    private static final int MIN_KEY_BYTES = 32;
    private static final int NAME_BYTES = 16;

    private final HmacSha256 hmac;

    private KeyedHash(byte[] key) {
        this.hmac = new HmacSha256(key);
    }

    /** @param key at least 32 secret bytes, the same on every instance of the service */
    public static KeyedHash withKey(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the store's subject key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        return new KeyedHash(key.clone());
    }

    /**
     * A key derived from a secret the service already holds.
     *
     * @param purpose names the use, so one secret yields unrelated keys for unrelated uses
     */
    public static KeyedHash derivedFrom(byte[] secret, String purpose) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("a secret is needed to derive the store's subject key");
        }
        return new KeyedHash(HmacSha256.once(secret, purpose.getBytes(StandardCharsets.UTF_8)));
    }

    /** 22 characters of base64url: fits a Redis key, leaks nothing about {@code text}. */
    public String of(String text) {
        byte[] digest = hmac.of(text.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, NAME_BYTES));
    }

    @Override
    public String toString() {
        return "KeyedHash[key=***]";
    }
}
