package io.phonegate.gateway.limits;

import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.common.store.AdmissionTicket;
import io.phonegate.common.store.PhoneSubject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;

/**
 * The names of the gateway's keys in the shared store: {@code phonegate:<decision>:{<subject>}:<window>}.
 * Numbers and client addresses appear only as keyed hashes. The part in braces is the hash tag:
 * every key of one number lives in one cluster slot.
 */
final class StoreKeys {

    private static final int ADDRESS_SUBJECT_BYTES = 16;

    private final PhoneSubject phones;
    private final SecretKeySpec addressKey;

    private StoreKeys(PhoneSubject phones, byte[] addressKey) {
        this.phones = phones;
        this.addressKey = new SecretKeySpec(addressKey, "HmacSHA256");
    }

    /**
     * @param subjectKey  the configured key (base64 of at least 32 bytes), or empty
     * @param fallback    the secret every gateway shares anyway (the app client's), used when no key is set
     */
    static StoreKeys from(String subjectKey, String fallback) {
        byte[] root;
        PhoneSubject phones;
        if (subjectKey != null && !subjectKey.isBlank()) {
            try {
                root = Base64.getDecoder().decode(subjectKey.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("phonegate.store.subject-key is not base64");
            }
            phones = PhoneSubject.withKey(root);
        } else {
            root = fallback.getBytes(StandardCharsets.UTF_8);
            phones = PhoneSubject.derivedFrom(root, "gateway-limits");
        }
        return new StoreKeys(phones, hmac(new SecretKeySpec(root, "HmacSHA256"), "gateway-client-address"));
    }

    String subject(PhoneNumber phone) {
        return phones.of(phone);
    }

    /** A client address's name in the store: a keyed hash of the address (IPv6: of its /64). */
    String addressSubject(String addressKey) {
        byte[] digest = hmacBytes(this.addressKey, addressKey.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, ADDRESS_SUBJECT_BYTES));
    }

    static String clientIp(String addressSubject) {
        return "phonegate:client_ip:{" + addressSubject + "}:1m";
    }

    static String phoneStarts(String subject) {
        return AdmissionTicket.startsKey(subject);
    }

    static String wrongAnswers(String subject) {
        return "phonegate:wrong_answers:{" + subject + "}:24h";
    }

    /** A challenge handle of the number that was answered; {@code handleId} is the handle's random nonce. */
    static String answeredHandle(String subject, String handleId) {
        return "phonegate:answered:{" + subject + "}:" + handleId;
    }

    static String verified(String subject) {
        return "phonegate:verified:{" + subject + "}";
    }

    static String country(String region) {
        return "phonegate:country:{" + region + "}:1h";
    }

    static String budget(LocalDate utcDay) {
        return "phonegate:budget:{sms}:" + utcDay;
    }

    private static byte[] hmac(SecretKeySpec key, String data) {
        return hmacBytes(key, data.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmacBytes(SecretKeySpec key, byte[] data) {
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
        return "StoreKeys[key=***]";
    }
}
