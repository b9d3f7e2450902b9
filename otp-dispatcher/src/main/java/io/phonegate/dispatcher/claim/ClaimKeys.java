package io.phonegate.dispatcher.claim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * {@code phonegate:claim:{<subject>}:<challengeId>} for a request with the gateway's admission, so the
 * claim and the admission it checks share the number's hash slot; {@code phonegate:claim:{<challengeId>}}
 * for one without. The Create trigger's ids are 22 characters of base64url; anything else (an
 * injected event) is named by a hash of it, so no event can make a huge key or one that breaks the
 * hash tag.
 */
final class ClaimKeys {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private ClaimKeys() {
    }

    static String of(Holder holder) {
        return holder.admission() == null ? of(holder.challengeId())
                : "phonegate:claim:{" + holder.admission().subject() + "}:" + plain(holder.challengeId());
    }

    static String of(String challengeId) {
        return "phonegate:claim:{" + plain(challengeId) + "}";
    }

    private static String plain(String challengeId) {
        return PLAIN.matcher(challengeId).matches() ? challengeId : "#" + hash(challengeId);
    }

    private static String hash(String challengeId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(challengeId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
