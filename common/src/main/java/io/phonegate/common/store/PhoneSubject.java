package io.phonegate.common.store;

import io.phonegate.common.phone.PhoneNumber;


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

    private final KeyedHash hash;

    private PhoneSubject(KeyedHash hash) {
        this.hash = hash;
    }

    /** @param key at least 32 secret bytes, the same on every instance of the service */
    public static PhoneSubject withKey(byte[] key) {
        return new PhoneSubject(KeyedHash.withKey(key));
    }

    /**
     * A key derived from a secret the service already holds (the gateway's app-client secret, the
     * dispatcher's seal key), for deployments that set no key of their own.
     *
     * @param purpose names the use, so one secret yields unrelated keys for unrelated uses
     */
    public static PhoneSubject derivedFrom(byte[] secret, String purpose) {
        return new PhoneSubject(KeyedHash.derivedFrom(secret, purpose));
    }

    /** 22 characters of base64url: fits a Redis key, leaks nothing about the number. */
    public String of(PhoneNumber phone) {
        return hash.of(phone.e164());
    }

    @Override
    public String toString() {
        return "PhoneSubject[key=***]";
    }
}
