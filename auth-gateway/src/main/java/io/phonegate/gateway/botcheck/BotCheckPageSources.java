package io.phonegate.gateway.botcheck;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the demo page's Content-Security-Policy must allow so the configured provider's widget can load and
 * render: the provider's script and frame origins (hCaptcha also styles and connections), and the origin of
 * the widget script actually configured (the devstack's stand-in, say). The one place the page's policy
 * takes them from: {@link #addTo} extends a policy with them. Nothing when the bot check is off.
 */
public final class BotCheckPageSources {

    private final Map<String, List<String>> sources;

    BotCheckPageSources(BotCheckSettings settings) {
        Map<String, Set<String>> all = new LinkedHashMap<>();
        if (settings.enabled()) {
            settings.provider().pageSources().forEach((directive, origins) ->
                    all.computeIfAbsent(directive, d -> new LinkedHashSet<>()).addAll(origins));
            String scriptOrigin = origin(settings.effectiveScriptUrl());
            all.computeIfAbsent("script-src", d -> new LinkedHashSet<>()).add(scriptOrigin);
        }
        Map<String, List<String>> fixed = new LinkedHashMap<>();
        all.forEach((directive, origins) -> fixed.put(directive, List.copyOf(origins)));
        this.sources = Map.copyOf(fixed);
    }

    /** Origins by directive ({@code script-src}, {@code frame-src}, …); empty when the bot check is off. */
    public Map<String, List<String>> sources() {
        return sources;
    }

    /**
     * {@code policy} with these sources added: to a directive it has, after its own sources; a directive it
     * lacks is added (falling back to {@code default-src} would otherwise decide it).
     */
    public String addTo(String policy) {
        if (sources.isEmpty()) {
            return policy;
        }
        List<String> directives = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String part : policy.split(";")) {
            String directive = part.strip();
            if (directive.isEmpty()) {
                continue;
            }
            String name = directive.split("\\s+", 2)[0];
            seen.add(name);
            List<String> extra = sources.getOrDefault(name, List.of());
            directives.add(extra.isEmpty() ? directive : directive + " " + String.join(" ", extra));
        }
        sources.forEach((name, origins) -> {
            if (!seen.contains(name)) {
                directives.add(name + " 'self' " + String.join(" ", origins));
            }
        });
        return String.join("; ", directives);
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
