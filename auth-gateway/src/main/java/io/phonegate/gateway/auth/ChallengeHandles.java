package io.phonegate.gateway.auth;

import io.phonegate.common.keys.KeyRing;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.gateway.delivery.Tracking;
import io.phonegate.gateway.problem.ApiProblem;
import io.phonegate.gateway.problem.Problem;
import org.springframework.stereotype.Component;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The challenge handles clients hold. Every handle the gateway gives out is sealed ({@link HandleCipher})
 * with a key only the gateways hold, derived from the answer keys, and holds the number it was given for,
 * its delivery {@link Tracking} (challenge id, start and expiry, and when an untexted one shows as sent), and
 * either Cognito's session (a real challenge) or a look-alike's attempts left (a disabled user's challenge,
 * which no code opens). Both kinds are padded to the same sizes, so without the key they cannot be told
 * apart. A handle opened for a verify must be the number's ({@link #open(String, PhoneNumber)}); anything
 * else is refused before anything is counted. For its delivery status the handle alone opens
 * ({@link #openForStatus}). Stateless: any instance opens any instance's handles.
 */
@Component
class ChallengeHandles {

    /** What the handle key is derived for: one configured secret, unrelated key material per use. */
    static final String KEY_PURPOSE = "phonegate-challenge-handle-v1";
    /** Contents are padded to a multiple of this, so a handle's length shows only its size class. */
    private static final int PAD_STEP = 256;
    /** Cognito's sessions are about this long; what look-alikes are sized like until a real session was seen. */
    private static final int TYPICAL_SESSION_LENGTH = 920;
    private static final byte SESSION = 1;
    private static final byte LOOK_ALIKE = 2;
    /** Kind, number, challenge id and three instants: at most this many bytes before a session. */
    private static final int HEADER = 1 + 1 + 15 + 1 + 64 + 3 * Long.BYTES;
    /** {@link Tracking#simulatedSentAt()} of a texted challenge. */
    private static final long TEXTED = Long.MIN_VALUE;

    /** What a handle holds, with the handle's own random id (a handle answers once). */
    sealed interface Opened permits Session, LookAlike {
        String id();

        Tracking tracking();
    }

    record Session(String id, Tracking tracking, String session) implements Opened {
        @Override
        public String toString() {
            return "Session[id=" + id + "]";
        }
    }

    record LookAlike(String id, Tracking tracking, int attemptsLeft) implements Opened {

        Instant expiresAt() {
            return tracking.expiresAt();
        }
    }

    private final HandleCipher cipher;
    /** The size class of the last real session: what a look-alike is padded to. */
    private final AtomicInteger lastSessionSize = new AtomicInteger(padded(HEADER + 2 + TYPICAL_SESSION_LENGTH));

    ChallengeHandles(KeyRing answerKeys) {
        this.cipher = new HandleCipher(answerKeys.derive(KEY_PURPOSE));
    }

    /** A handle for Cognito's session of a real challenge to {@code phone}. */
    String forSession(PhoneNumber phone, String session, Tracking tracking) {
        byte[] text = session.getBytes(StandardCharsets.US_ASCII);
        int size = padded(HEADER + 2 + text.length);
        lastSessionSize.set(size);
        ByteBuffer content = header(ByteBuffer.allocate(size), SESSION, phone, tracking);
        content.putShort((short) text.length).put(text);
        return cipher.seal(content.array()).handle();
    }

    /** A handle for a look-alike challenge, as long as the last real one. */
    String lookAlike(PhoneNumber phone, int attemptsLeft, Tracking tracking) {
        ByteBuffer content = header(ByteBuffer.allocate(lastSessionSize.get()), LOOK_ALIKE, phone, tracking);
        content.put((byte) attemptsLeft);
        return cipher.seal(content.array()).handle();
    }

    /** @throws ApiProblem {@code invalid-challenge} when this gateway did not give the handle out for this number */
    Opened open(String handle, PhoneNumber phone) {
        if (handle == null) {
            throw new ApiProblem(Problem.INVALID_REQUEST, "field 'challenge' is required");
        }
        Contents contents = read(handle);
        if (!MessageDigest.isEqual(contents.phone(), phone.e164().getBytes(StandardCharsets.US_ASCII))) {
            throw invalid();
        }
        return contents.opened();
    }

    /** Any handle this gateway gave out, whoever's it is: what a status question is asked with. */
    Opened openForStatus(String handle) {
        return read(handle).opened();
    }

    private record Contents(byte[] phone, Opened opened) {
    }

    private Contents read(String handle) {
        HandleCipher.Opened opened = cipher.open(handle).orElseThrow(ChallengeHandles::invalid);
        ByteBuffer content = ByteBuffer.wrap(opened.content());
        try {
            byte kind = content.get();
            byte[] phone = bytes(content, content.get());
            String challengeId = new String(bytes(content, content.get()), StandardCharsets.US_ASCII);
            Instant startedAt = Instant.ofEpochMilli(content.getLong());
            Instant expiresAt = Instant.ofEpochMilli(content.getLong());
            long sentAt = content.getLong();
            Tracking tracking = new Tracking(challengeId, startedAt, expiresAt,
                    sentAt == TEXTED ? null : Instant.ofEpochMilli(sentAt));
            return new Contents(phone, switch (kind) {
                case SESSION -> new Session(opened.id(), tracking,
                        new String(bytes(content, content.getShort() & 0xffff), StandardCharsets.US_ASCII));
                case LOOK_ALIKE -> new LookAlike(opened.id(), tracking, content.get());
                default -> throw invalid();
            });
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ByteBuffer header(ByteBuffer content, byte kind, PhoneNumber phone, Tracking tracking) {
        byte[] number = phone.e164().getBytes(StandardCharsets.US_ASCII);
        byte[] challengeId = tracking.challengeId().getBytes(StandardCharsets.US_ASCII);
        if (challengeId.length > 64) {
            throw new IllegalArgumentException("a challenge id is at most 64 characters");
        }
        return content.put(kind).put((byte) number.length).put(number)
                .put((byte) challengeId.length).put(challengeId)
                .putLong(tracking.startedAt().toEpochMilli()).putLong(tracking.expiresAt().toEpochMilli())
                .putLong(tracking.texted() ? TEXTED : tracking.simulatedSentAt().toEpochMilli());
    }

    private static byte[] bytes(ByteBuffer content, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length");
        }
        byte[] bytes = new byte[length];
        content.get(bytes);
        return bytes;
    }

    private static int padded(int length) {
        return (length + PAD_STEP - 1) / PAD_STEP * PAD_STEP;
    }

    private static ApiProblem invalid() {
        return new ApiProblem(Problem.INVALID_CHALLENGE,
                "the challenge is not one this service gave out for this number; use the one from the last answer");
    }
}
