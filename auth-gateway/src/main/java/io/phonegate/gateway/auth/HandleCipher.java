package io.phonegate.gateway.auth;

import io.phonegate.common.keys.KeyRing;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Seals what a challenge handle carries with AES-256-GCM under the gateway's handle keys, so a handle is
 * opaque and cannot be forged or altered. Wire form:
 * {@code base64url(version ‖ key id length ‖ key id ‖ nonce ‖ ciphertext ‖ tag)}; the random nonce, as
 * base64url, is the handle's id. The number a handle belongs to is inside the sealed content
 * ({@link ChallengeHandles}), not the associated data, so a handle opens without it: for its delivery
 * status, which a client asks with the handle alone. Version 1 bound the number as associated data;
 * its handles lived 15 minutes at most and are refused.
 */
final class HandleCipher {

    private static final byte VERSION = 2;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final int MAX_KEY_ID = 32;
    private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_-]{40,4096}");
    private static final SecureRandom RANDOM = new SecureRandom();

    record Sealed(String handle, String id) {
    }

    record Opened(byte[] content, String id) {
    }

    private final KeyRing keys;

    HandleCipher(KeyRing keys) {
        this.keys = keys;
    }

    Sealed seal(byte[] content) {
        String keyId = keys.activeId();
        byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed;
        try {
            sealed = crypt(Cipher.ENCRYPT_MODE, keys.key(keyId).orElseThrow(), nonce, keyId, content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
        ByteBuffer out = ByteBuffer.allocate(2 + id.length + NONCE_BYTES + sealed.length);
        out.put(VERSION).put((byte) id.length).put(id).put(nonce).put(sealed);
        return new Sealed(Base64.getUrlEncoder().withoutPadding().encodeToString(out.array()), idOf(nonce));
    }

    /** Empty when the text is not a handle this gateway sealed with a key it still holds. */
    Optional<Opened> open(String handle) {
        if (handle == null || !HANDLE.matcher(handle).matches()) {
            return Optional.empty();
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(Base64.getUrlDecoder().decode(handle));
            if (in.get() != VERSION) {
                return Optional.empty();
            }
            int idLength = in.get();
            if (idLength < 1 || idLength > MAX_KEY_ID) {
                return Optional.empty();
            }
            byte[] id = new byte[idLength];
            in.get(id);
            String keyId = new String(id, StandardCharsets.US_ASCII);
            Optional<byte[]> key = keys.key(keyId);
            byte[] nonce = new byte[NONCE_BYTES];
            in.get(nonce);
            if (key.isEmpty() || in.remaining() < TAG_BYTES) {
                return Optional.empty();
            }
            byte[] sealed = Arrays.copyOfRange(in.array(), in.position(), in.limit());
            return Optional.of(new Opened(crypt(Cipher.DECRYPT_MODE, key.get(), nonce, keyId, sealed), idOf(nonce)));
        } catch (IllegalArgumentException | BufferUnderflowException | AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    private static byte[] crypt(int mode, byte[] key, byte[] nonce, String keyId, byte[] input)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
        cipher.updateAAD(("phonegate-handle-v" + VERSION + "|" + keyId).getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(input);
    }

    private static String idOf(byte[] nonce) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    }
}
