package io.phonegate.common.seal;

import io.phonegate.common.keys.KeyRing;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Seals a one-time code with AES-256-GCM so it can travel through Cognito's public
 * challenge parameters and Kafka without being readable, and unseals it in the dispatcher.
 *
 * <p>Wire form: {@code v1.<keyId>.<base64url(nonce ‖ ciphertext ‖ tag)>}. The key id and
 * the phone number are bound in as associated data, so a sealed code cannot be moved to
 * another number or relabelled with another key. Several keys can be read; one seals,
 * which lets keys rotate: add the new key everywhere, then make it the sealing key.
 *
 * <p>Keys come from configuration as {@code id:base64,id:base64}; never from the repository.
 */
public final class CodeSeal {

    private static final String VERSION = "v1";
    private static final String LABEL = "seal";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String sealingKeyId;
    private final Map<String, SecretKeySpec> keys;

    private CodeSeal(String sealingKeyId, Map<String, SecretKeySpec> keys) {
        this.sealingKeyId = sealingKeyId;
        this.keys = keys;
    }

    /**
     * @param sealingKeyId the key that seals new codes; must be one of {@code keys}
     * @param keys every key that may still unseal, by id; each 32 bytes
     */
    public static CodeSeal of(String sealingKeyId, Map<String, byte[]> keys) {
        return of(KeyRing.of(LABEL, sealingKeyId, keys));
    }

    /** @param keys the seal keys; the one in use seals */
    public static CodeSeal of(KeyRing keys) {
        Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
        keys.ids().forEach(id -> specs.put(id, new SecretKeySpec(keys.key(id).orElseThrow(), "AES")));
        return new CodeSeal(keys.activeId(), Map.copyOf(specs));
    }

    /**
     * Reads keys from configuration text {@code id:base64[,id:base64…]}.
     *
     * @param sealingKeyId the id that seals; when blank, the first key listed seals
     */
    public static CodeSeal fromConfig(String keysSpec, String sealingKeyId) {
        return of(KeyRing.fromConfig(LABEL, keysSpec, sealingKeyId, "phonegate.seal.keys (PHONEGATE_SEAL_KEYS)"));
    }

    /** A fresh random key in configuration form ({@code id:base64}), for local runs and tests. */
    public static String newKeyConfig(String keyId) {
        return KeyRing.newKeyConfig(keyId);
    }

    public String sealingKeyId() {
        return sealingKeyId;
    }

    /** Seals {@code code} for the phone number {@code phoneE164}. */
    public String seal(String code, String phoneE164) {
        Objects.requireNonNull(code, "code is required");
        Objects.requireNonNull(phoneE164, "phone is required");
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(sealingKeyId), nonce, sealingKeyId, phoneE164);
            byte[] sealed = cipher.doFinal(code.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return VERSION + "." + sealingKeyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * Unseals a code sealed for {@code phoneE164}.
     *
     * @throws SealException when the text is malformed, truncated, tampered with, sealed
     *                       for another number, or sealed with a key this instance lacks
     */
    public String unseal(String sealed, String phoneE164) {
        if (sealed == null || phoneE164 == null) {
            throw new SealException("sealed code and phone are required");
        }
        String[] parts = sealed.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new SealException("not a v1 sealed code");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new SealException("sealed with unknown key id '" + parts[1] + "'");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new SealException("sealed code is not valid base64url");
        }
        if (bytes.length <= NONCE_BYTES + TAG_BITS / 8) {
            throw new SealException("sealed code is truncated");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(bytes, NONCE_BYTES), parts[1], phoneE164);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SealException("sealed code failed authentication (tampered, or sealed for another number or key)");
        } catch (GeneralSecurityException e) {
            throw new SealException("sealed code could not be opened: " + e.getClass().getSimpleName());
        }
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] nonce, String keyId, String phone)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((VERSION + "|" + keyId + "|" + phone).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
