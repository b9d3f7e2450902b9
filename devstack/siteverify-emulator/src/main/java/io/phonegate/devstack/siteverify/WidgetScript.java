package io.phonegate.devstack.siteverify;

/**
 * A stand-in for a provider's widget script, for pages that run offline (the local run): it defines the
 * provider's global ({@code turnstile}, {@code hcaptcha}, {@code grecaptcha}) with the part of its API a page
 * uses for explicit rendering ({@code render(element, {sitekey, callback, "expired-callback"})},
 * {@code reset(id)}, {@code getResponse(id)}). The widget is a button; pressing it hands the callback a
 * passing token ({@code pass.<random>}), as solving the real challenge would.
 */
final class WidgetScript {

    private WidgetScript() {
    }

    static String forProvider(Provider provider) {
        return """
                (() => {
                  "use strict";
                  const widgets = [];
                  window.%s = {
                    render(container, options) {
                      const element = typeof container === "string" ? document.querySelector(container) : container;
                      const id = widgets.length;
                      const button = document.createElement("button");
                      button.type = "button";
                      button.className = "siteverify-standin";
                      button.dataset.widget = String(id);
                      button.textContent = "I am not a robot (local stand-in for %s)";
                      button.addEventListener("click", () => {
                        const token = "pass." + crypto.randomUUID();
                        widgets[id].token = token;
                        button.textContent = "Checked (local stand-in for %s)";
                        button.disabled = true;
                        if (typeof options.callback === "function") options.callback(token);
                      });
                      element.appendChild(button);
                      widgets.push({ button, options, token: "" });
                      return id;
                    },
                    reset(id) {
                      const widget = widgets[id === undefined ? 0 : id];
                      if (!widget) return;
                      widget.token = "";
                      widget.button.disabled = false;
                      widget.button.textContent = "I am not a robot (local stand-in for %s)";
                    },
                    getResponse(id) {
                      const widget = widgets[id === undefined ? 0 : id];
                      return widget ? widget.token : "";
                    }
                  };
                })();
                """.formatted(provider.widgetGlobal(), label(provider), label(provider), label(provider));
    }

    private static String label(Provider provider) {
        return switch (provider) {
            case TURNSTILE -> "Cloudflare Turnstile";
            case HCAPTCHA -> "hCaptcha";
            case RECAPTCHA -> "Google reCAPTCHA";
        };
    }
}
