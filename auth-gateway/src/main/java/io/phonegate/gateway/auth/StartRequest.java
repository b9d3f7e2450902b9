package io.phonegate.gateway.auth;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * @param phone    the number as the person typed it; national numbers are read in the default region
 * @param locale   BCP 47 language tag for the SMS ({@code en}, {@code hi-IN}); {@code en} when absent
 * @param botToken the bot check widget's token ({@code GET /v1/auth/bot-check} says which provider), when one is on
 */
public record StartRequest(
        @Schema(description = "Phone number, international (+91 98765 43210) or national form", example = "+919876543210",
                requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 64) String phone,
        @Schema(description = "BCP 47 language tag for the SMS", example = "en", maxLength = 35) String locale,
        @Schema(description = "The bot check widget's token (Turnstile, hCaptcha or reCAPTCHA), good for one start; "
                + "see GET /v1/auth/bot-check", example = "XXXX.DUMMY.TOKEN.XXXX", maxLength = 4096) String botToken) {
}
