package io.phonegate.dispatcher.store;

import org.springframework.data.redis.core.script.RedisScript;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The store's scripts, one file each under {@code META-INF/scripts/}, read once. Spring runs them by
 * {@code EVALSHA} and sends the text again only when the store does not know it (after a restart). Not
 * resource-backed scripts: Spring asks such a script's resource for its modification time on every call (a
 * file or jar lookup, ~40 % of a store call's own cost in the dispatcher's profile).
 */
public final class LuaScripts {

    private LuaScripts() {
    }

    public static <T> RedisScript<T> load(String name, Class<T> resultType) {
        String path = "META-INF/scripts/" + name + ".lua";
        try (InputStream in = LuaScripts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + path);
            }
            return RedisScript.of(new String(in.readAllBytes(), StandardCharsets.UTF_8), resultType);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read script " + path, e);
        }
    }
}
