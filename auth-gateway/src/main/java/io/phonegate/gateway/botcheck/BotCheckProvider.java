package io.phonegate.gateway.botcheck;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The bot checks the gateway can ask, each through its documented {@code siteverify} HTTP API (form-encoded
 * {@code secret} and {@code response}; JSON {@code success} and {@code error-codes}), with what the demo page
 * loads to render its widget and the origins its Content-Security-Policy must allow for it.
 */
public enum BotCheckProvider {
    NONE(null, null, null, Map.of()),
    /** Cloudflare Turnstile. */
    TURNSTILE("https://challenges.cloudflare.com/turnstile/v0/siteverify",
            "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit", "turnstile",
            Map.of("script-src", List.of("https://challenges.cloudflare.com"),
                    "frame-src", List.of("https://challenges.cloudflare.com"))),
    /** hCaptcha; its siteverify also takes the site key. */
    HCAPTCHA("https://api.hcaptcha.com/siteverify", "https://js.hcaptcha.com/1/api.js?render=explicit", "hcaptcha",
            Map.of("script-src", List.of("https://hcaptcha.com", "https://*.hcaptcha.com"),
                    "frame-src", List.of("https://hcaptcha.com", "https://*.hcaptcha.com"),
                    "style-src", List.of("https://hcaptcha.com", "https://*.hcaptcha.com"),
                    "connect-src", List.of("https://hcaptcha.com", "https://*.hcaptcha.com"))),
    /** Google reCAPTCHA (v2 checkbox), through its siteverify API. */
    RECAPTCHA("https://www.google.com/recaptcha/api/siteverify", "https://www.google.com/recaptcha/api.js?render=explicit",
            "grecaptcha",
            Map.of("script-src", List.of("https://www.google.com/recaptcha/", "https://www.gstatic.com/recaptcha/"),
                    "frame-src", List.of("https://www.google.com/recaptcha/", "https://recaptcha.google.com/recaptcha/")));

    private final String verifyUrl;
    private final String scriptUrl;
    private final String widgetGlobal;
    private final Map<String, List<String>> pageSources;

    BotCheckProvider(String verifyUrl, String scriptUrl, String widgetGlobal, Map<String, List<String>> pageSources) {
        this.verifyUrl = verifyUrl;
        this.scriptUrl = scriptUrl;
        this.widgetGlobal = widgetGlobal;
        this.pageSources = pageSources;
    }

    /** The provider's own siteverify endpoint. */
    URI verifyUrl() {
        return URI.create(verifyUrl);
    }

    /** The provider's own widget script, loaded for explicit rendering. */
    URI scriptUrl() {
        return URI.create(scriptUrl);
    }

    /** The global object the widget script defines ({@code render(element, {sitekey, callback})}, {@code reset(id)}). */
    public String widgetGlobal() {
        return widgetGlobal;
    }

    /** Origins the page that shows the widget must allow, by CSP directive. */
    Map<String, List<String>> pageSources() {
        return pageSources;
    }

    /** Whether the siteverify request carries the site key too (hCaptcha checks it against the token). */
    boolean sendsSiteKey() {
        return this == HCAPTCHA;
    }
}
