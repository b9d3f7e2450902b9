package io.phonegate.gateway.shedding;

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
 * @param maxInProgress   API requests ({@code /v1/*}) worked on at once; one more is answered {@code 503 busy}
 *                        at once, before its body is read. Sized to what the Cognito and Kafka paths serve: beyond
 *                        it, more requests in progress only queue for the same CPU and connections, and all slow down
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
        @DefaultValue("3s") @NotNull Duration requestDeadline,
        @DefaultValue("1s") @NotNull Duration retryAfter,
        @DefaultValue("6s") @NotNull Duration answerDeadline) {
}
