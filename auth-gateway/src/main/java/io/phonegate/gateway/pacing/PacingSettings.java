package io.phonegate.gateway.pacing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How long answers that could tell a number's state take ({@code phonegate.gateway.pacing.*}). Each floor
 * is the least such an answer takes; the gateway raises it to the slow path's recent p99 as it sees that
 * path, so it follows the deployment's own latency, never above {@code maxFloor}.
 *
 * @param startFloor       the least a {@code 202} to a start takes: set it near the p99 of a sign-up start in
 *                         your deployment (announcement, {@code SignUp}, confirmation, a second
 *                         {@code AdminInitiateAuth}), which is what a fresh instance has not yet seen
 * @param wrongAnswerFloor the least a {@code wrong-code} or {@code start-again} answer takes: near the p99 of
 *                         one {@code AdminRespondToAuthChallenge}
 * @param maxFloor         the most either floor is raised to; a slower path answers when it is done
 * @param window           how many recent slow paths the learned p99 is taken over
 * @param forgetAfter      how long a slow path counts: after a load spike the floor comes down again within this
 */
@Validated
@ConfigurationProperties("phonegate.gateway.pacing")
public record PacingSettings(
        @DefaultValue("250ms") @NotNull Duration startFloor,
        @DefaultValue("100ms") @NotNull Duration wrongAnswerFloor,
        @DefaultValue("2s") @NotNull Duration maxFloor,
        @DefaultValue("200") @Min(10) @Max(10_000) int window,
        @DefaultValue("10m") @NotNull Duration forgetAfter) {

    public PacingSettings {
        if (startFloor.isNegative() || wrongAnswerFloor.isNegative()) {
            throw new IllegalArgumentException("phonegate.gateway.pacing: floors must not be negative");
        }
        if (maxFloor.compareTo(startFloor) < 0 || maxFloor.compareTo(wrongAnswerFloor) < 0) {
            throw new IllegalArgumentException("phonegate.gateway.pacing: max-floor must be at least start-floor and "
                    + "wrong-answer-floor");
        }
        if (forgetAfter.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("phonegate.gateway.pacing: forget-after must be at least 10s");
        }
        if (maxFloor.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("phonegate.gateway.pacing: max-floor must be at most 10s (it holds a "
                    + "client's request open)");
        }
    }
}
