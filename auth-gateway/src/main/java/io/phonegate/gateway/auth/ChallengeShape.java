package io.phonegate.gateway.auth;

import io.phonegate.gateway.config.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * What a real challenge looks like to a client: how long its code lives (whole seconds), how many digits
 * it has and how many answers it allows. Every start answer, real or look-alike, is built from these and
 * the instant the start was admitted, so nothing in it depends on the path that made it. Starts from the
 * configured values and follows what the triggers really do: a shorter code lifetime than configured is
 * taken over (the answer must not promise more than the code keeps), a longer one is not.
 */
final class ChallengeShape {

    private static final Logger log = LoggerFactory.getLogger(ChallengeShape.class);

    private volatile Duration lifetime;
    private volatile int codeLength;
    private volatile int attempts;

    ChallengeShape(GatewayProperties properties) {
        this.lifetime = Duration.ofSeconds(properties.codeTtl().toSeconds());
        this.codeLength = properties.codeLength();
        this.attempts = properties.maxAttempts();
    }

    /** A real first round, admitted at {@code admittedAt}. */
    void learn(ChallengeView challenge, Instant admittedAt) {
        Duration lives = Duration.between(admittedAt, challenge.expiresAt());
        if (lives.compareTo(lifetime.minusSeconds(1)) < 0) {
            Duration shorter = Duration.ofSeconds(Math.max(1, lives.toSeconds()));
            log.warn("Codes live {} s from admission, less than the {} s configured (phonegate.gateway.code-ttl): "
                    + "answers now say {} s; make the setting match the triggers' PHONEGATE_CODE_TTL",
                    lives.toMillis() / 1000.0, lifetime.toSeconds(), shorter.toSeconds());
            lifetime = shorter;
        }
        codeLength = challenge.codeLength();
        if (!challenge.retry()) {
            attempts = challenge.attemptsLeft();
        }
    }

    Instant expiresAt(Instant admittedAt) {
        return admittedAt.plus(lifetime);
    }

    int codeLength() {
        return codeLength;
    }

    int attempts() {
        return attempts;
    }
}
