package io.phonegate.common.keys;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Secret keys by id, as they are configured: {@code id:base64-of-32-bytes[,id:base64…]}, one of them
 * in use for new work (sealing a code, signing an answer) and every one still accepted for reading
 * or checking. That is what lets a key rotate without failing anyone: add the new key everywhere,
 * put it in use, wait until nothing made with the old one can still arrive, remove the old one.
 *
 * <p>The same form serves every key list of Phonegate ({@code PHONEGATE_SEAL_KEYS},
 * {@code PHONEGATE_ANSWER_KEYS}); {@code label} names the list in errors. Keys never appear in an
 * error, a log line or {@link #toString()}.
 */
public final class KeyRing {

    public static final int KEY_BYTES = 32;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String label;
    private final String activeId;
    private final Map<String, byte[]> keys;

    private KeyRing(String label, String activeId, Map<String, byte[]> keys) {
        this.label = label;
        this.activeId = activeId;
        this.keys = keys;
    }

    /**
     * @param label    what the keys are for ({@code seal}, {@code answer}), for errors
     * @param activeId the key used for new work; must be one of {@code keys}
     * @param keys     every key still accepted, by id, each exactly 32 bytes
     */
    public static KeyRing of(String label, String activeId, Map<String, byte[]> keys) {
        Objects.requireNonNull(activeId, label + " key id in use is required");
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("at least one " + label + " key is required");
        }
        Map<String, byte[]> copies = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException(label + " key id '" + id + "' must be 1-32 of A-Z a-z 0-9 _ -");
            }
            if (key == null || key.length != KEY_BYTES) {
                throw new IllegalArgumentException(label + " key '" + id + "' must be " + KEY_BYTES + " bytes");
            }
            copies.put(id, key.clone());
        });
        if (!copies.containsKey(activeId)) {
            throw new IllegalArgumentException(label + " key id '" + activeId + "' (the one in use) is not among the "
                    + label + " keys");
        }
        return new KeyRing(label, activeId, Collections.unmodifiableMap(copies));
    }

    /**
     * Reads {@code id:base64[,id:base64…]}.
     *
     * @param activeId the key in use; when blank, the first key listed
     * @param setting  where the keys are configured ({@code PHONEGATE_SEAL_KEYS}), named when they are missing
     */
    public static KeyRing fromConfig(String label, String spec, String activeId, String setting) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no " + label + " keys configured: set " + setting
                    + " to id:base64-of-32-bytes[,id:base64…]");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String trimmed = entry.strip();
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(label + " key entries look like id:base64; one entry has no id");
            }
            String id = trimmed.substring(0, colon);
            try {
                keys.put(id, Base64.getDecoder().decode(trimmed.substring(colon + 1).strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(label + " key '" + id + "' is not valid base64");
            }
        }
        String active = activeId == null || activeId.isBlank() ? keys.keySet().iterator().next() : activeId.strip();
        return of(label, active, keys);
    }

    /** A fresh random key in configuration form ({@code id:base64}), for local runs and tests. */
    public static String newKeyConfig(String keyId) {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return keyId + ":" + Base64.getEncoder().encodeToString(key);
    }

    public String activeId() {
        return activeId;
    }

    public Set<String> ids() {
        return keys.keySet();
    }

    /** A copy of the key with this id, if the ring holds it. */
    public Optional<byte[]> key(String id) {
        byte[] key = keys.get(id);
        return key == null ? Optional.empty() : Optional.of(key.clone());
    }

    /**
     * The same ids with keys derived for another use ({@code HMAC-SHA256(key, purpose)}): one configured
     * secret can serve two purposes without either's key material serving the other.
     */
    public KeyRing derive(String purpose) {
        Map<String, byte[]> derived = new LinkedHashMap<>();
        keys.forEach((id, key) -> derived.put(id, HmacSha256.once(key, purpose.getBytes(StandardCharsets.UTF_8))));
        return new KeyRing(label + "/" + purpose, activeId, Collections.unmodifiableMap(derived));
    }

    @Override
    public String toString() {
        return "KeyRing[" + label + ", ids=" + keys.keySet() + ", inUse=" + activeId + "]";
    }
}
