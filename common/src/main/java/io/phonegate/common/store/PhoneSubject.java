package io.phonegate.common.store;

import io.phonegate.common.phone.PhoneNumber;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * What a phone number is called in the shared store: a keyed hash (HMAC-SHA256, first 128
 * bits, base64url), never the number itself. Numbers stay out of Redis as they stay out of
 * logs and metric labels; without the key a dump of the store cannot be turned back into
 * numbers by trying them all.
 *
 * <p>Every instance of a service must use the same key, or each would count under its own
 * names. A key changed later starts every count afresh once.
 */
public final class PhoneSubject {

    private static final int MIN_KEY_BYTES = 32;
    private static final int SUBJECT_BYTES = 16;

    private final SecretKeySpec key;

    private PhoneSubject(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** @param key at least 32 secret bytes, the same on every instance of the service */
    public static PhoneSubject withKey(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the store's subject key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        return new PhoneSubject(key.clone());
    }

    /**
     * A key derived from a secret the service already holds (the gateway's app-client secret, the
     * dispatcher's seal key), for deployments that set no key of their own.
     *
     * @param purpose names the use, so one secret yields unrelated keys for unrelated uses
     */
    public static PhoneSubject derivedFrom(byte[] secret, String purpose) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("a secret is needed to derive the store's subject key");
        }
        return new PhoneSubject(hmac(new SecretKeySpec(secret, "HmacSHA256"), purpose.getBytes(StandardCharsets.UTF_8)));
    }

    /** 22 characters of base64url: fits a Redis key, leaks nothing about the number. */
    public String of(PhoneNumber phone) {
        byte[] digest = hmac(key, phone.e164().getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, SUBJECT_BYTES));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "PhoneSubject[key=***]";
    }
}
