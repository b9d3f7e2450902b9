package io.phonegate.gateway.botcheck;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;

/** {@code GET /v1/auth/bot-check}: what a client needs to render the bot check's widget, if one is asked for. */
@RestController
@Tag(name = "auth")
class BotCheckController {

    /**
     * @param provider  {@code none}, {@code turnstile}, {@code hcaptcha} or {@code recaptcha}
     * @param siteKey   the site key to render the widget with
     * @param scriptUrl the widget script to load
     * @param widget    the global object that script defines ({@code turnstile}, {@code hcaptcha}, {@code grecaptcha});
     *                  each has {@code render(element, {sitekey, callback})} and {@code reset(id)}
     * @param appliesTo {@code new-numbers} or {@code all}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BotCheckView(
            @Schema(example = "turnstile", allowableValues = {"none", "turnstile", "hcaptcha", "recaptcha"}) String provider,
            @Schema(example = "1x00000000000000000000AA") String siteKey,
            @Schema(example = "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit") String scriptUrl,
            @Schema(example = "turnstile") String widget,
            @Schema(example = "new-numbers", allowableValues = {"new-numbers", "all"}) String appliesTo) {
    }

    private final BotCheckView view;

    BotCheckController(BotCheckSettings settings) {
        this.view = settings.enabled()
                ? new BotCheckView(settings.provider().name().toLowerCase(Locale.ROOT), settings.siteKey(),
                        settings.effectiveScriptUrl().toString(), settings.provider().widgetGlobal(),
                        settings.appliesTo().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                : new BotCheckView("none", null, null, null, null);
    }

    @GetMapping(path = "/v1/auth/bot-check", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The bot check a start may need",
            description = "When the provider is not `none`, render its widget with the site key and send the token it "
                    + "gives in the start's `botToken` (a token is good for one start). `new-numbers`: needed only for "
                    + "numbers that have not logged in before; a client cannot tell which, so it sends one every time.")
    @ApiResponse(responseCode = "200", description = "The bot check's settings for clients")
    BotCheckView botCheck() {
        return view;
    }
}
