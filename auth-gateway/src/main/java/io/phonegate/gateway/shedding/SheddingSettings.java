package io.phonegate.gateway.shedding;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How the gateway sheds load instead of collapsing ({@code phonegate.gateway.shedding.*}).
 *
 * @param maxInProgress   API requests ({@code /v1/*}) worked on at once at most; one more is answered
 *                        {@code 503 busy} at once, before its body is read. Also sizes the Cognito connection pool
 * @param adaptive        whether the bound is learned between {@code min-in-progress} and {@code max-in-progress}
 *                        from how long requests' work takes ({@link AdaptiveLimit}): beyond what the CPU, Cognito
 *                        and Kafka serve, more requests in progress only queue for them and every answer slows
 *                        down; that number depends on the machine and on Cognito's distance, so it is measured
 * @param minInProgress   the learned bound's floor
 * @param latencyTolerance how much slower than its uncongested speed work may get before the learned bound is cut
 * @param requestDeadline how long after it arrived a request may still publish a code or announce a sign-up; past
 *                        it the start is answered {@code 503 busy} and nothing is published, since its client has
 *                        likely given up (keep it below your clients' timeout minus the start floor)
 * @param retryAfter      what {@code Retry-After} says on a shed request
 * @param answerDeadline  how long after it arrived a start's {@code 202} may leave and still have its code sent; a
 *                        later one most likely reaches a client that gave up, so its code is withdrawn (the
 *                        dispatcher sends none) and its admission given back. Keep it above
 *                        {@code request-deadline} plus the pacing {@code max-floor} (a start's longest normal
 *                        answer) and below your clients' timeout ({@code @phonegate/client} waits 10 s)
 */
@Validated
@ConfigurationProperties("phonegate.gateway.shedding")
public record SheddingSettings(
        @DefaultValue("32") @Min(1) @Max(10_000) int maxInProgress,
        @DefaultValue("true") boolean adaptive,
        @DefaultValue("4") @Min(1) @Max(10_000) int minInProgress,
        @DefaultValue("3.0") @DecimalMin(value = "1.0", inclusive = false) @DecimalMax("100.0") double latencyTolerance,
        @DefaultValue("3s") @NotNull Duration requestDeadline,
        @DefaultValue("1s") @NotNull Duration retryAfter,
        @DefaultValue("6s") @NotNull Duration answerDeadline) {
}
