package io.phonegate.common.keys;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * HMAC-SHA256 under one key, for the hot paths (the store's names, Cognito's secret hash): each thread keeps
 * its own initialised {@link Mac}, which is not thread-safe, so a hash costs the hashing and not a provider
 * lookup and a key set-up each time (those were ~1 % of the gateway's CPU per start).
 */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    private final ThreadLocal<Mac> macs;

    public HmacSha256(byte[] key) {
        SecretKeySpec spec = new SecretKeySpec(key, ALGORITHM);
        newMac(spec); // a bad key fails here, not on first use
        this.macs = ThreadLocal.withInitial(() -> newMac(spec));
    }

    /** The 32-byte MAC of {@code data}. */
    public byte[] of(byte[] data) {
        return macs.get().doFinal(data); // doFinal leaves the Mac reset for the next call
    }

    /** A MAC computed once (deriving a key): no Mac is kept. */
    public static byte[] once(byte[] key, byte[] data) {
        return newMac(new SecretKeySpec(key, ALGORITHM)).doFinal(data);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "HmacSha256[key=***]";
    }
}
