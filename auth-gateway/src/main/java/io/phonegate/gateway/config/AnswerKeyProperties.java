package io.phonegate.gateway.config;

import io.phonegate.common.answer.AnswerSignatures;
import io.phonegate.common.keys.KeyRing;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The answer keys ({@code phonegate.answer.*}: {@code PHONEGATE_ANSWER_KEYS}, {@code PHONEGATE_ANSWER_SIGNING_KEY_ID}),
 * which only the gateway and the Verify trigger hold. The gateway signs each answer it forwards with the
 * signing key (the Verify trigger accepts no other answer), and derives from them the key that authenticates
 * its challenge handles. No default: the service does not start without them.
 *
 * @param keys         {@code id:base64-of-32-bytes[,id:base64…]}, the same list as the Verify trigger's
 * @param signingKeyId the key that signs; empty: the first listed
 */
@Validated
@ConfigurationProperties("phonegate.answer")
public record AnswerKeyProperties(
        @NotBlank(message = "is required: set PHONEGATE_ANSWER_KEYS to id:base64-of-32-bytes[,…], the keys the Verify trigger checks answers with")
        String keys,
        String signingKeyId) {

    /** The keys, read and checked. */
    public KeyRing keyRing() {
        return AnswerSignatures.keyRing(keys, signingKeyId);
    }

    /** Keys are secrets: never in a log line or an error. */
    @Override
    public String toString() {
        return "AnswerKeyProperties[keys=(hidden), signingKeyId=" + signingKeyId + "]";
    }
}
