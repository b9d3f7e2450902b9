package io.phonegate.gateway.limits;

import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.common.store.AdmissionTicket;
import io.phonegate.common.store.KeyedHash;
import io.phonegate.common.store.PhoneSubject;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;

/**
 * The names of the gateway's keys in the shared store: {@code phonegate:<decision>:{<subject>}:<window>}.
 * Numbers and client addresses appear only as keyed hashes. The part in braces is the hash tag:
 * every key of one number lives in one cluster slot.
 */
final class StoreKeys {

    private final PhoneSubject phones;
    private final KeyedHash addresses;

    private StoreKeys(PhoneSubject phones, KeyedHash addresses) {
        this.phones = phones;
        this.addresses = addresses;
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
        return new StoreKeys(phones, KeyedHash.derivedFrom(root, "gateway-client-address"));
    }

    String subject(PhoneNumber phone) {
        return phones.of(phone);
    }

    /** A client address's name in the store: a keyed hash of the address (IPv6: of its /64). */
    String addressSubject(String addressKey) {
        return addresses.of(addressKey);
    }

    static String clientIp(String addressSubject) {
        return "phonegate:client_ip:{" + addressSubject + "}:1m";
    }

    static String phoneStarts(String subject) {
        return AdmissionTicket.startsKey(subject);
    }

    /** Present once the start's {@code 202} left for the client: the dispatcher sends its code only then. */
    static String startAnswered(Admission.Slot slot) {
        return new AdmissionTicket(slot.subject(), slot.id()).answeredKey();
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

    @Override
    public String toString() {
        return "StoreKeys[key=***]";
    }
}
