package io.phonegate.devstack.siteverify;

import java.util.Set;

/**
 * The three providers the stand-in speaks for, at their real paths, with their documented test secrets:
 * Turnstile's always-pass ({@code 1x…AA}), always-fail ({@code 2x…AA}) and token-already-spent
 * ({@code 3x…AA}); hCaptcha's test secret; reCAPTCHA v2's test secret. Any other secret is refused as
 * {@code invalid-input-secret}, as the real ones refuse an unknown secret.
 */
public enum Provider {
    TURNSTILE("/turnstile/v0/siteverify", "/turnstile/v0/api.js", "turnstile", "1x00000000000000000000AA",
            Set.of("1x0000000000000000000000000000000AA"), "2x0000000000000000000000000000000AA",
            "3x0000000000000000000000000000000AA"),
    HCAPTCHA("/hcaptcha/siteverify", "/hcaptcha/1/api.js", "hcaptcha", "10000000-ffff-ffff-ffff-000000000001",
            Set.of("0x0000000000000000000000000000000000000000"), null, null),
    RECAPTCHA("/recaptcha/api/siteverify", "/recaptcha/api.js", "grecaptcha", "6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI",
            Set.of("6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe"), null, null);

    private final String verifyPath;
    private final String scriptPath;
    private final String widgetGlobal;
    private final String testSiteKey;
    private final Set<String> passingSecrets;
    private final String failingSecret;
    private final String spentSecret;

    Provider(String verifyPath, String scriptPath, String widgetGlobal, String testSiteKey, Set<String> passingSecrets,
             String failingSecret, String spentSecret) {
        this.verifyPath = verifyPath;
        this.scriptPath = scriptPath;
        this.widgetGlobal = widgetGlobal;
        this.testSiteKey = testSiteKey;
        this.passingSecrets = passingSecrets;
        this.failingSecret = failingSecret;
        this.spentSecret = spentSecret;
    }

    /** Where siteverify answers, relative to the stand-in's address. */
    public String verifyPath() {
        return verifyPath;
    }

    /** Where the stand-in widget script is, relative to the stand-in's address. */
    public String scriptPath() {
        return scriptPath;
    }

    String widgetGlobal() {
        return widgetGlobal;
    }

    /** The provider's documented test site key. */
    public String testSiteKey() {
        return testSiteKey;
    }

    /** A secret that the stand-in (as the provider with its test keys) accepts tokens with. */
    public String testSecret() {
        return passingSecrets.iterator().next();
    }

    boolean passes(String secret) {
        return passingSecrets.contains(secret);
    }

    boolean alwaysFails(String secret) {
        return secret.equals(failingSecret);
    }

    boolean alwaysSpent(String secret) {
        return secret.equals(spentSecret);
    }

    static Provider byVerifyPath(String path) {
        for (Provider provider : values()) {
            if (provider.verifyPath.equals(path)) {
                return provider;
            }
        }
        return null;
    }

    static Provider byScriptPath(String path) {
        for (Provider provider : values()) {
            if (provider.scriptPath.equals(path)) {
                return provider;
            }
        }
        return null;
    }
}
