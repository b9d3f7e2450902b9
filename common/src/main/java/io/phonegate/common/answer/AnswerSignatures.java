package io.phonegate.common.answer;

import io.phonegate.common.keys.HmacSha256;
import io.phonegate.common.keys.KeyRing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The gateway's signature on each answer it forwards to Cognito, and the Verify trigger's check of
 * it: the contract that binds answers to the gateway. Cognito cannot limit {@code ALLOW_CUSTOM_AUTH}
 * to its admin API, so whoever holds the app client's secret can answer challenges through the public
 * {@code RespondToAuthChallenge}; without a signature from a key only the gateway and the Verify
 * trigger hold, such answers are never correct, not even the right code.
 *
 * <p>The gateway passes the signature in {@code ClientMetadata} of {@code AdminRespondToAuthChallenge}
 * under {@link #CLIENT_METADATA_KEY}; Cognito hands that map to the Verify trigger. Wire form:
 * {@code v1.<keyId>.<signedAt, epoch ms>.<base64url(HMAC-SHA256)>}, the MAC over the version, key id,
 * time, username and answer, each length-prefixed (no field can be shifted into another).
 *
 * <p>A signature is accepted for {@link #FRESHNESS} either side of the checker's clock: long enough for
 * the gateway's Cognito call (at most a few seconds with retries) plus clock skew between the gateway
 * and Lambda (NTP keeps both well under a second), short enough that a signature seen once is soon
 * worthless.
 */
public final class AnswerSignatures {

    /** The {@code ClientMetadata} entry that carries the signature. */
    public static final String CLIENT_METADATA_KEY = "phonegate-answer-signature";
    /** How far a signature's time may be from the checker's clock, either way. */
    public static final Duration FRESHNESS = Duration.ofSeconds(60);

    private static final String VERSION = "v1";
    private static final String LABEL = "answer";
    private static final String SETTING = "phonegate.answer.keys (PHONEGATE_ANSWER_KEYS)";

    /** What a check found; only {@link #VALID} lets an answer through. */
    public enum Check {
        VALID, MISSING, MALFORMED, UNKNOWN_KEY, FORGED, STALE;

        public boolean valid() {
            return this == VALID;
        }
    }

    private final KeyRing keys;

    private AnswerSignatures(KeyRing keys) {
        this.keys = keys;
    }

    /** @param keys the answer keys; the one in use signs, every one is accepted */
    public static AnswerSignatures of(KeyRing keys) {
        return new AnswerSignatures(keys);
    }

    /**
     * @param keysSpec     {@code id:base64-of-32-bytes[,…]} ({@code PHONEGATE_ANSWER_KEYS})
     * @param signingKeyId the key that signs ({@code PHONEGATE_ANSWER_SIGNING_KEY_ID}); blank: the first listed
     */
    public static AnswerSignatures fromConfig(String keysSpec, String signingKeyId) {
        return of(keyRing(keysSpec, signingKeyId));
    }

    /** The answer keys as configured, for a holder that derives other keys from them too. */
    public static KeyRing keyRing(String keysSpec, String signingKeyId) {
        return KeyRing.fromConfig(LABEL, keysSpec, signingKeyId, SETTING);
    }

    /** Signs {@code answer} given for {@code username} at {@code at}. */
    public String sign(String username, String answer, Instant at) {
        String keyId = keys.activeId();
        long signedAt = at.toEpochMilli();
        byte[] mac = mac(keys.key(keyId).orElseThrow(), keyId, signedAt, username, answer);
        return VERSION + "." + keyId + "." + signedAt + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    /** Whether {@code signature} is this ring's, for exactly this username and answer, and fresh at {@code now}. */
    public Check check(String signature, String username, String answer, Instant now) {
        if (signature == null || signature.isEmpty()) {
            return Check.MISSING;
        }
        String[] parts = signature.split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0]) || username == null || answer == null) {
            return Check.MALFORMED;
        }
        long signedAt;
        byte[] given;
        try {
            signedAt = Long.parseLong(parts[2]);
            given = Base64.getUrlDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return Check.MALFORMED;
        }
        Optional<byte[]> key = keys.key(parts[1]);
        if (key.isEmpty()) {
            return Check.UNKNOWN_KEY;
        }
        if (!MessageDigest.isEqual(mac(key.get(), parts[1], signedAt, username, answer), given)) {
            return Check.FORGED;
        }
        long skew = Math.abs(now.toEpochMilli() - signedAt);
        return skew <= FRESHNESS.toMillis() ? Check.VALID : Check.STALE;
    }

    private static byte[] mac(byte[] key, String keyId, long signedAt, String username, String answer) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        for (String field : new String[] {VERSION, keyId, Long.toString(signedAt), username, answer}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            message.write(bytes.length >>> 24);
            message.write(bytes.length >>> 16);
            message.write(bytes.length >>> 8);
            message.write(bytes.length);
            message.writeBytes(bytes);
        }
        return HmacSha256.once(key, message.toByteArray());
    }

    @Override
    public String toString() {
        return "AnswerSignatures[" + keys + "]";
    }
}
