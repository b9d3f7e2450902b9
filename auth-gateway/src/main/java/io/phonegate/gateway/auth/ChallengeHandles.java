package io.phonegate.gateway.auth;

import io.phonegate.common.keys.KeyRing;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.gateway.problem.ApiProblem;
import io.phonegate.gateway.problem.Problem;
import org.springframework.stereotype.Component;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The challenge handles clients hold. Every handle the gateway gives out is sealed ({@link HandleCipher})
 * with a key only the gateways hold, derived from the answer keys, and bound to the phone number. Inside
 * is either Cognito's session (a real challenge) or a look-alike's state (a disabled user's challenge,
 * which no code opens: its attempts left and expiry). Both are padded to the same sizes, so without the
 * key they cannot be told apart, and anything the gateway did not seal for that number is refused before
 * anything is counted against it. Stateless: any instance opens any instance's handles.
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
    private static final int SESSION_HEADER = 3;

    /** What a handle holds, with the handle's own random id (a handle answers once). */
    sealed interface Opened permits Session, LookAlike {
        String id();
    }

    record Session(String id, String session) implements Opened {
        @Override
        public String toString() {
            return "Session[id=" + id + "]";
        }
    }

    record LookAlike(String id, int attemptsLeft, Instant expiresAt) implements Opened {
    }

    private final HandleCipher cipher;
    /** The size class of the last real session: what a look-alike is padded to. */
    private final AtomicInteger lastSessionSize = new AtomicInteger(padded(SESSION_HEADER + TYPICAL_SESSION_LENGTH));

    ChallengeHandles(KeyRing answerKeys) {
        this.cipher = new HandleCipher(answerKeys.derive(KEY_PURPOSE));
    }

    /** A handle for Cognito's session of a real challenge to {@code phone}. */
    String forSession(PhoneNumber phone, String session) {
        byte[] text = session.getBytes(StandardCharsets.US_ASCII);
        int size = padded(SESSION_HEADER + text.length);
        lastSessionSize.set(size);
        ByteBuffer content = ByteBuffer.allocate(size).put(SESSION).putShort((short) text.length).put(text);
        return cipher.seal(content.array(), phone.e164()).handle();
    }

    /** A handle for a look-alike challenge, as long as the last real one. */
    String lookAlike(PhoneNumber phone, int attemptsLeft, Instant expiresAt) {
        ByteBuffer content = ByteBuffer.allocate(lastSessionSize.get())
                .put(LOOK_ALIKE).put((byte) attemptsLeft).putLong(expiresAt.toEpochMilli());
        return cipher.seal(content.array(), phone.e164()).handle();
    }

    /** @throws ApiProblem {@code invalid-challenge} when this gateway did not give the handle out for this number */
    Opened open(String handle, PhoneNumber phone) {
        if (handle == null) {
            throw new ApiProblem(Problem.INVALID_REQUEST, "field 'challenge' is required");
        }
        HandleCipher.Opened opened = cipher.open(handle, phone.e164()).orElseThrow(ChallengeHandles::invalid);
        ByteBuffer content = ByteBuffer.wrap(opened.content());
        try {
            return switch (content.get()) {
                case SESSION -> {
                    byte[] session = new byte[content.getShort() & 0xffff];
                    content.get(session);
                    yield new Session(opened.id(), new String(session, StandardCharsets.US_ASCII));
                }
                case LOOK_ALIKE -> new LookAlike(opened.id(), content.get(), Instant.ofEpochMilli(content.getLong()));
                default -> throw invalid();
            };
        } catch (BufferUnderflowException e) {
            throw invalid();
        }
    }

    private static int padded(int length) {
        return (length + PAD_STEP - 1) / PAD_STEP * PAD_STEP;
    }

    private static ApiProblem invalid() {
        return new ApiProblem(Problem.INVALID_CHALLENGE,
                "the challenge is not one this service gave out for this number; use the one from the last answer");
    }
}
